"""Corpora larger than memory, on this machine or a cluster, with Dask.

The same functions as the pandas ones, with the same names and arguments, for a Dask
DataFrame of articles: one partition per Parquet file of a corpus saved with
``write_articles(articles, folder, partitioned=True)``. Each partition is worked on
by the pandas function itself, so results equal the pandas path:

* ``read_articles(folder)`` opens the saved corpus lazily (nothing is read yet);
* ``tokenize``, ``add_sentiment`` and ``kwic`` give lazy Dask DataFrames (rows);
  ``.compute()`` them, or :func:`compute` them with a progress bar, when they fit in memory;
* ``count_terms`` and ``timeline`` give pandas tables, counted partition by partition
  and added up;
* ``find_topics`` learns topics partition by partition (MiniBatchNMF): a pandas table of
  topic terms and a lazy table of each article's topic shares.

Work runs on whatever Dask scheduler is active: start a ``dask.distributed.Client``
(``Client(LocalCluster(n_workers=2, threads_per_worker=1))`` for every core of this
machine, ``Client("tcp://scheduler:8786")`` for a cluster whose workers have
corpus_tools installed) and everything runs there; long steps show a progress bar.
Inside a partition corpus_tools uses one core and shows no bar of its own.

>>> import tempfile, corpus_tools as ct
>>> folder = ct.write_articles(ct.load_sample(), tempfile.mkdtemp() + "/corpus", partitioned=True, rows_per_file=2)
>>> articles = read_articles(folder)
>>> articles.npartitions
3
>>> counts = count_terms(articles, by="outlet", progress=False)
>>> list(counts.columns)
['outlet', 'term', 'n', 'share', 'n_docs']
>>> counts.equals(ct.count_terms(ct.tokenize(ct.load_sample(), metadata=["outlet"]), by="outlet"))
True
"""

from .computing import compute
from .steps import add_sentiment, count_terms, kwic, timeline, tokenize
from .storage import read_articles, write_articles
from .topics import find_topics

__all__ = ["read_articles", "write_articles", "tokenize", "count_terms", "add_sentiment", "timeline", "kwic",
           "find_topics", "compute"]
