"""corpus_tools: read a corpus of news articles the way a careful researcher or teacher would."""

from .loading import (
    CorpusLoadError,
    LoadWarning,
    load_sample,
    read_articles,
    write_articles,
)

__all__ = [
    "CorpusLoadError",
    "LoadWarning",
    "load_sample",
    "read_articles",
    "write_articles",
]
__version__ = "0.1.0"
