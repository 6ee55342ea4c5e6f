"""Running Dask work with a progress bar on whatever scheduler is active."""

from __future__ import annotations

from contextlib import nullcontext

import dask
import dask.dataframe as dd
import pandas as pd

from ..core.docstrings import fill_doc


# --- running with a progress bar ------------------------------------------------------------------
def active_client():
    """The active ``dask.distributed`` client, or None (then the local scheduler runs)."""
    try:
        from distributed import default_client

        return default_client()
    except (ImportError, ValueError):
        return None


def show_progress(progress, n_parts: int) -> bool:
    return n_parts > 1 if progress is None else bool(progress)


def compute_list(tasks: list, *, desc: str, progress=None) -> list:
    """Compute a list of dask objects; the bar moves as each one finishes (tqdm.auto: notebook or terminal)."""
    from tqdm.auto import tqdm

    show = show_progress(progress, len(tasks))
    client = active_client()
    if client is not None:
        from distributed import as_completed

        futures = client.compute(tasks)
        for _ in tqdm(as_completed(futures), total=len(futures), desc=desc, unit="part", disable=not show):
            pass
        return client.gather(futures)
    from tqdm.dask import TqdmCallback

    with TqdmCallback(desc=desc, unit="task") if show else nullcontext():
        return list(dask.compute(*tasks))


def persist(frame: dd.DataFrame, *, desc: str, progress=None) -> dd.DataFrame:
    """``frame.persist()`` with a progress bar over its partitions."""
    from tqdm.auto import tqdm

    show = show_progress(progress, frame.npartitions)
    client = active_client()
    if client is not None:
        from distributed import as_completed, futures_of

        done = client.persist(frame)
        futures = futures_of(done)
        for _ in tqdm(as_completed(futures), total=len(futures), desc=desc, unit="part", disable=not show):
            pass
        return done
    from tqdm.dask import TqdmCallback

    with TqdmCallback(desc=desc, unit="task") if show else nullcontext():
        return frame.persist()


def persist_list(tasks: list, *, desc: str, progress=None) -> list:
    """Persist a list of dask objects (kept on the workers with a client, else in this process), with a bar."""
    from tqdm.auto import tqdm

    show = show_progress(progress, len(tasks))
    client = active_client()
    if client is not None:
        from distributed import as_completed, futures_of

        done = client.persist(tasks)
        futures = [f for d in done for f in futures_of(d)]
        for _ in tqdm(as_completed(futures), total=len(futures), desc=desc, unit="part", disable=not show):
            pass
        return done
    from tqdm.dask import TqdmCallback

    with TqdmCallback(desc=desc, unit="task") if show else nullcontext():
        return list(dask.persist(*tasks))


@fill_doc
def compute(frame: dd.DataFrame, *, desc: str = "Computing", progress=None) -> pd.DataFrame:
    """``frame.compute()`` with a progress bar; the result must fit in memory.

    {params.progress}

    >>> import pandas as pd, dask.dataframe as dd
    >>> compute(dd.from_pandas(pd.DataFrame({"x": [1, 2]}), npartitions=1))["x"].tolist()
    [1, 2]
    """
    return persist(frame, desc=desc, progress=progress).compute()


def meta_of(frame, what: str, function: str) -> pd.DataFrame:
    """The empty pandas frame that stands for ``frame``; a clear error if it is not a Dask DataFrame."""
    if not isinstance(frame, dd.DataFrame):
        raise TypeError(f"corpus_tools.dask.{function} takes a Dask DataFrame ({what}), got {type(frame).__name__}. "
                        f"Use corpus_tools.{function} for a pandas table, or dask.dataframe.from_pandas(table, "
                        "npartitions=...) first.")
    return frame._meta


def wanted_columns(empty: pd.DataFrame, wanted) -> list:
    """The columns of ``wanted`` the table has, once each, in the table's order: all a step reads."""
    wanted = set(wanted)
    return [c for c in empty.columns if c in wanted]


