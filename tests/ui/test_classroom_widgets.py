from corpus_tools.ui.classroom_widgets import predict_then_reveal


def test_predict_then_reveal_locks_the_answer_and_shows_the_view():
    shown = []
    box = predict_then_reveal("Which outlet says Kiev?", ["A", "B"], reveal=lambda: shown.append(1) or "the view")
    answer = box.children[1]
    answer.value = "B"
    box.reveal()
    assert shown == [1] and answer.disabled and box.children[2].disabled


def test_a_reveal_can_show_several_views():
    from unittest import mock

    box = predict_then_reveal("Q?", reveal=lambda: ["chart", None, "table"])
    with mock.patch("IPython.display.display") as display:
        box.reveal()
    assert [c.args[0] for c in display.call_args_list] == ["chart", "table"]
