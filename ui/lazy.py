"""Expanders whose contents are built only once a reader opens them.

Streamlit builds and sends what a closed expander holds on every rerun; with ``on_change="rerun"``
opening one reruns the page, so the page can fill it only while it is open. Closed, it is one line,
and what it holds costs neither the server's rerun nor the browser's drawing.
"""

from __future__ import annotations

from typing import Any

import streamlit as st


def opened(label: str, key: str, icon: str | None = None, container: Any = st, expanded: bool = False) -> Any:
    """An expander in ``container`` (the page, the sidebar): itself while it is open, to fill; else None."""
    box = container.expander(label, key=key, icon=icon, on_change="rerun", expanded=expanded)
    return box if box.open else None
