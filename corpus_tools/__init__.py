"""corpus_tools: read a corpus of news articles the way a careful researcher or teacher would.

Every function takes a table (a pandas DataFrame) and returns a new one with documented
columns: articles (one row per article), sentences, tokens (one row per word), counts
(one row per group and term).

>>> import corpus_tools as ct
>>> articles = ct.load_sample()
>>> articles[["doc_id", "outlet"]].head(2).values.tolist()
[['000_d3c851319a9cef4d', 'Kontur'], ['001_24a78b3d7f73cc16', 'unknown']]
>>> tokens = ct.tokenize(articles, metadata=["outlet"])
>>> ct.keyness(tokens, by="outlet", target="TASS", min_expected=0)["term"].head(5).tolist()
['weapons', 'providing', 'how', 'use', 'kiev']
"""

from .analysis.describe import describe_corpus
from .analysis.keyness import SmallCountWarning, collocations, keyness, keyness_all
from .analysis.outlets import group_outlets
from .analysis.terms import count_terms, ngrams
from .analysis.tf_idf import add_tf_idf
from .analysis.timeline import term_timeline, timeline
from .core.cache import clear_cache
from .core.parallel import set_cores
from .core.resources import package_version as _package_version
from .io.load_report import CorpusLoadError, LoadWarning, load_report
from .io.read import load_sample, read_articles
from .io.store import write_articles
from .media.framing import find_framing_evidence, framing_lexicon, framing_terms
from .media.parameters import choose_parameters
from .media.quotes import count_speakers, find_quotes
from .text.languages import LanguageWarning, add_language, find_foreign_words
from .text.search_terms import PatternWarning, spelling_variants
from .text.sentences import split_sentences
from .text.stopwords import languages, remove_stopwords, stopwords
from .text.tokens import tokenize
from .ui.notebook import setup_notebook

# corpus_tools.ui.plots needs plotly, which is slow to import: these are loaded on first use.
_CHARTS = ["plot_top_terms", "plot_keyness", "plot_timeline", "plot_sentiment", "plot_sentences", "plot_distribution",
           "plot_counts", "plot_similarity", "figure_menu", "outlet_colors"]
_TOPIC_CHARTS = ["plot_topics", "plot_topic_timeline", "plot_article_map"]
_WORD_CHARTS = ["plot_dispersion", "plot_term_scatter", "plot_cooccurrence_network"]
__all__ = [
    # load and check
    "read_articles", "load_sample", "write_articles", "load_report", "summarize_load", "find_removed_lines",
    "count_flags", "count_articles", "filter_articles", "group_outlets", "CorpusLoadError", "LoadWarning",
    # words
    "split_sentences", "tokenize", "stopwords", "remove_stopwords", "ngrams", "count_terms", "add_tf_idf",
    "keyness", "keyness_all", "collocations", "SmallCountWarning", "kwic", "show_kwic", "add_text_stats",
    "spelling_variants", "PatternWarning",
    # languages
    "add_language", "find_foreign_words", "languages", "LanguageWarning",
    # sentiment
    "add_sentiment", "sentiment_toward", "find_sentences_mentioning", "find_sentiment_words", "sentiment_lexicon",
    # time
    "timeline", "term_timeline",
    # topics, maps, where words fall, words used alike
    "find_topics", "find_topic_sentences", "find_article_map", "find_dispersion", "compare_terms", "similar_words",
    "common_contexts", *_TOPIC_CHARTS, *_WORD_CHARTS,
    # media literacy: quotes, framing, shared text, warning signs
    "find_quotes", "count_speakers", "match_quotes", "show_quote_variants", "quote_variants_html",
    "framing_lexicon", "framing_terms", "find_framing_evidence", "plot_framing",
    "find_shared_passages", "add_shared_share", "similarity_matrix", "find_similar_articles", "similarity_overview",
    "warning_signs", "count_signs",
    # who and where: people, places and organisations named
    "find_entities", "count_entities", "compare_mentions", "plot_entities",
    # classroom
    "hide_outlets", "find_story", "plan_lesson", "predict_then_reveal", "make_student_copies", "show_articles",
    "show_table",
    # charts (plotly is imported on first use)
    *_CHARTS,
    # notebooks and housekeeping
    "setup_notebook", "describe_corpus", "choose_parameters", "clear_cache", "set_cores",
]
# Modules notebooks seldom need first are imported on first use of one of their names: importing
# corpus_tools stays quick (the loader, words and charts are what a first cell and chart need).
_LAZY_MODULES = {
    "analysis.article_map": "find_article_map",
    "analysis.compare": "compare_terms",
    "analysis.contexts": "common_contexts similar_words",
    "analysis.dispersion": "find_dispersion",
    "analysis.filters": "filter_articles",
    "analysis.kwic": "kwic",
    "analysis.sentiment": "add_sentiment find_sentences_mentioning find_sentiment_words sentiment_lexicon "
                          "sentiment_toward",
    "analysis.textstats": "add_text_stats",
    "analysis.topics": "find_topic_sentences find_topics",
    "apps.classroom": "make_student_copies",
    "io.quality": "count_articles count_flags find_removed_lines summarize_load",
    "media.blind": "hide_outlets",
    "media.entities": "compare_mentions count_entities find_entities",
    "media.lesson": "plan_lesson",
    "media.passages": "add_shared_share find_shared_passages",
    "media.quote_variants": "match_quotes",
    "media.signs": "count_signs warning_signs",
    "media.similarity": "find_similar_articles similarity_matrix similarity_overview",
    "media.story": "find_story",
    "ui.classroom_widgets": "predict_then_reveal",
    "ui.display": "quote_variants_html show_articles show_kwic show_quote_variants show_table",
}
_LAZY = {**{name: module for module, names in _LAZY_MODULES.items() for name in names.split()},
         **dict.fromkeys([*_CHARTS, "plot_framing"], "ui.plots"), **dict.fromkeys(_TOPIC_CHARTS, "ui.topic_plots"),
         **dict.fromkeys(_WORD_CHARTS[:2], "ui.word_plots"), "plot_cooccurrence_network": "ui.network",
         "plot_entities": "ui.entity_plots"}


def __getattr__(name):
    # Charts need plotly, which is slow to import: load it only when a chart is asked for; see _LAZY_MODULES.
    if name in _LAZY:
        import importlib

        value = globals()[name] = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        return value
    raise AttributeError(f"module 'corpus_tools' has no attribute {name!r}")
__version__ = _package_version()  # pyproject.toml's version, as installed
