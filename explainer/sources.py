"""The code a page shows as it ran: ``inspect.getsource``, read once per object.

A class's source costs ``inspect`` a parse of its whole module (6-10 ms on this machine, the
training page's two classes about 40% of its rerun); the source of a loaded object does not change
while it is loaded, and a module Streamlit reloads brings new objects, read afresh.
"""

from __future__ import annotations

import functools
import inspect


@functools.cache
def _one(obj: object) -> str:
    return inspect.getsource(obj)


def source(*objs: object) -> str:
    """The objects' source, one after another with a blank line between (``inspect.getsource``)."""
    return "\n\n".join(_one(obj) for obj in objs)
