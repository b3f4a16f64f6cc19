"""Warnings silenced or recorded by one thread at a time.

``warnings.catch_warnings`` changes the whole process's warning filters and, with ``record=True``,
where every warning goes (Python 3.11; only 3.14's context-aware warnings keep them per thread).
Every session of a Streamlit process is a thread of it, so two sessions' blocks interleaved: one
block's exit put back the filters it had found, dropping or leaving behind the other's. Measured
(2026-12-07, one thread reading ``run.constructor_warnings`` 3,000 times while another built
modules): torch's dropout warning went missing from the record (1 in 3,000 at a 0.1 ms switch
interval), and after a run at the default 5 ms the process kept a stray "ignore UserWarning" filter
for good. A missing warning is cached and shown to every student with that setting. Every such
block in the app goes through here, under one lock: they are short (a module built on ``meta``, a
quiz question's few lines at tiny sizes).
"""

from __future__ import annotations

import contextlib
import threading
import warnings
from collections.abc import Iterator

_LOCK = threading.RLock()  # re-entrant: a block may call code that has a block of its own


@contextlib.contextmanager
def ignored(category: type[Warning] = Warning) -> Iterator[None]:
    """Warnings of ``category`` not shown while the block runs (a module's dropout warning, which its
    page shows itself), with no other thread's warnings block in between."""
    with _LOCK, warnings.catch_warnings():
        warnings.simplefilter("ignore", category)
        yield


@contextlib.contextmanager
def recorded() -> Iterator[list[warnings.WarningMessage]]:
    """Every warning the block gives, in order, none shown: torch's own words for the page."""
    with _LOCK, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield caught


def ignore_always(message: str, category: type[Warning] = Warning) -> None:
    """A filter for the whole process, for one message that is only ever noise here. Added under the
    lock, so that no block open in another thread puts back the filters from before it."""
    with _LOCK:
        warnings.filterwarnings("ignore", message=message, category=category)
