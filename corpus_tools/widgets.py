"""Interactive explorers for JupyterLab (ipywidgets): a filter panel driving a chart or a table.

The implementation lives in :mod:`corpus_tools.ui`; this module is the public name.

>>> from corpus_tools.widgets import terms_explorer
>>> callable(terms_explorer)
True
"""

from .ui.explorers import (
    KwicExplorer,
    SentimentExplorer,
    TermsExplorer,
    TimelineExplorer,
    kwic_explorer,
    sentiment_explorer,
    terms_explorer,
    timeline_explorer,
    upload_articles,
)
from .ui.filter_panel import FilterPanel
from .ui.topic_explorer import TopicsExplorer, topics_explorer

__all__ = ["FilterPanel", "TermsExplorer", "KwicExplorer", "SentimentExplorer", "TimelineExplorer", "TopicsExplorer",
           "terms_explorer", "kwic_explorer", "sentiment_explorer", "timeline_explorer", "topics_explorer",
           "upload_articles"]
