"""Progress bars for long steps (tqdm), silent for small inputs and inside worker processes."""

from __future__ import annotations

# Below this many articles a progress bar is more noise than help.
PROGRESS_MIN = 2000


def progress_bar(items, total: int, desc: str, unit: str = "article"):
    from .parallel import in_task

    if total < PROGRESS_MIN or in_task():
        return items
    from tqdm.auto import tqdm

    return tqdm(items, total=total, desc=desc, unit=unit)


