"""The session's settings and the widgets that edit them.

Settings live in ``st.session_state["_values"]`` (the shared ones, those of the link) and
``st.session_state["_app"]`` (the language, the device, a page's own session-only settings):
plain data that survives page switches. A widget is keyed ``w_<name>`` (the sidebar's),
``m_<name>`` (the phone's) or by the page, shows the stored setting and stores the user's change.

Not yet Streamlit's ``bind="query-params"`` (issue 15). On 1.67 binding needs the frame drawn
once, by the ``st.navigation`` entrypoint (app.py now does so, with the pages in ``views/``): with
each page drawing the frame, each page's widget was another widget with the same key, a value that
came with a link was back at its default on the next page even with ``persist_state="session"``,
a page link's parameters did not set a bound widget, and ``st.switch_page`` raised while a bound
parameter was in the address. tests/e2e/test_url.py pins those answers.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from explainer import settings


def store(name: str) -> dict[str, Any]:
    """Where a setting lives: the shared settings (in every link) or the session's own."""
    return st.session_state["_values" if name in settings.DEFAULTS else "_app"]


def bind(name: str, key: str | None = None) -> dict[str, Any]:
    """Widget kwargs that show the stored setting and store the user's changes.

    Widget state is dropped on a page switch, so the key is re-seeded from the stored settings
    on every run (before the widget exists, which Streamlit allows). ``key`` tells apart two widgets
    for one setting: the sidebar's (``w_<name>``, the default), the phone's at the top of the page
    (``m_<name>``), a page's own (the gradients page's ``grad_seq_len``).
    """
    key = key or f"w_{name}"
    st.session_state[key] = store(name)[name]
    return {"key": key, "on_change": _sync, "args": (name, key)}


def bind_page(name: str, default: Any = None, key: str | None = None) -> dict[str, Any]:
    """As ``bind``, for a page's own setting; one that is not shared starts at ``default``."""
    if name not in settings.DEFAULTS:
        st.session_state["_app"].setdefault(name, default)
    return bind(name, key)


def apply(option: dict[str, Any]) -> None:
    """on_click: take the settings of ``option`` (a smaller setting the cost guard suggested)."""
    st.session_state["_values"].update(option)


def set_value(name: str, value: Any) -> None:
    """on_click: one setting to ``value`` (leaving presentation mode)."""
    store(name)[name] = value


def _sync(name: str, key: str) -> None:
    """on_change: a widget's new value becomes the setting (runs before the script reruns)."""
    store(name)[name] = st.session_state[key]
