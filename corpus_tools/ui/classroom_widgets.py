"""Classroom widgets: predict before you reveal.

Teacher notebooks keep their answers in cells tagged ``solution``; the student copies
(:mod:`corpus_tools.apps.classroom`) leave them out. Outlet names are hidden by
:func:`corpus_tools.media.blind.hide_outlets`.
"""

from __future__ import annotations


def predict_then_reveal(question: str, options=None, *, reveal, placeholder: str = "your answer"):
    """A question, a place for the student's answer, and a button that reveals the tool's view.

    ``options``: a list of choices (buttons) or None (free text). ``reveal``: a function
    called with no arguments when the button is pressed; what it returns is shown (a
    chart, a table, or a list of them; a ``show_`` function displays in place). The answer
    box locks when the view is revealed, so the prediction stays what it was.
    """
    import ipywidgets as w

    from .display import escape_text

    prompt = w.HTML(f"<b>{escape_text(question)}</b>")
    answer = (w.RadioButtons(options=list(options), value=None) if options
              else w.Textarea(placeholder=placeholder, layout=w.Layout(width="100%")))
    button = w.Button(description="Reveal the tool's view", button_style="info", layout=w.Layout(width="auto"))
    out = w.Output()

    def show(_):
        answer.disabled = True
        button.disabled = True
        out.outputs = ()
        from IPython.display import display

        # Inside the output area, so a reveal that displays (a show_ function) lands here too.
        with out:
            result = reveal()
            # Several views (a chart and its evidence) come as a list or tuple.
            for item in result if isinstance(result, (list, tuple)) else [result]:
                if item is not None:
                    display(item)

    button.on_click(show)
    box = w.VBox([prompt, answer, button, out])
    box.add_class("ct-predict-reveal")
    box.reveal = lambda: show(None)  # for scripted use and tests
    return box


