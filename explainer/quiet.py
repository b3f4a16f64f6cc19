"""Warnings silenced or recorded by one thread at a time.

``warnings.catch_warnings`` changes the whole process's warning filters and, with ``record=True``,
where every warning goes (Python 3.11; only 3.14's context-aware warnings keep them per thread).
Every session of a Streamlit process is a thread of it, so two sessions' blocks interleaved: one
block's exit put back the filters it had found, dropping or leaving behind the other's. Measured
(2026-12-07, one thread reading ``run.constructor_warnings`` 3,000 times while another built
modules): torch's dropout warning went missing from the record (1 in 3,000 at a 0.1 ms switch
interval), and after a run at the default 5 ms the process kept a stray "ignore UserWarning" filter
for good. A missing warning is cached and shown to every student with that setting. Every such
block in the app goes through here, under one lock, so each is kept short in the web server: a
module built on ``meta``, a quiz question's few lines at tiny sizes (the debugger's blocks run in
its worker processes, where no session waits on them). A recording keeps only its own thread's
warnings (``recorded``).
"""

from __future__ import annotations

import contextlib
import re
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
    """Every warning this thread gives in the block, in order, none shown: torch's own words for the
    page. The filters and the hook are still the process's, so a warning another session's thread
    gives meanwhile (a PNG render's, outside any block) reaches the hook too: it is passed on to the
    hook from before the block, not recorded as this thread's."""
    owner = threading.get_ident()
    caught: list[warnings.WarningMessage] = []
    with _LOCK, warnings.catch_warnings():
        before = warnings.showwarning  # the hook catch_warnings puts back at the end

        def show(message, category, filename, lineno, file=None, line=None):
            if threading.get_ident() == owner:
                caught.append(warnings.WarningMessage(message, category, filename, lineno, file, line))
            else:
                before(message, category, filename, lineno, file, line)

        warnings.showwarning = show
        warnings.simplefilter("always")
        yield caught


def ignore_always(message: str, category: type[Warning] = Warning) -> None:
    """A filter for the whole process, for one message that is only ever noise here. Added under the
    lock, so that no block open in another thread puts back the filters from before it; added only
    when missing (adding one resets the record of warnings already shown once)."""
    item = ("ignore", re.compile(message, re.IGNORECASE), category, None, 0)  # as filterwarnings stores it
    with _LOCK:
        if item not in warnings.filters:
            warnings.filterwarnings("ignore", message=message, category=category)
