"""corpus_tools: read a corpus of news articles the way a careful researcher or teacher would.

>>> import corpus_tools as ct
>>> articles = ct.load_sample()
>>> articles[["doc_id", "outlet"]].head(2).values.tolist()
[['000_d3c851319a9cef4d', 'Kontur'], ['001_24a78b3d7f73cc16', 'unknown']]
"""

from .loading import (
    CorpusLoadError,
    LoadWarning,
    load_sample,
    read_articles,
    write_articles,
)
from .quality import count_flags, find_removed_lines, summarize_load

__all__ = [
    "CorpusLoadError",
    "LoadWarning",
    "count_flags",
    "find_removed_lines",
    "load_sample",
    "read_articles",
    "summarize_load",
    "write_articles",
]
__version__ = "0.1.0"
