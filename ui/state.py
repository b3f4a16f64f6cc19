"""The session's settings and the widgets that edit them.

Settings live in ``st.session_state["_values"]`` (the shared ones, those of the link) and
``st.session_state["_app"]`` (the language, the device, a page's own session-only settings):
plain data that survives page switches.

The module and input settings (``BOUND``) are Streamlit's own: the sidebar's widgets take
``bind="query-params"`` and are keyed by their URL names (``hidden_size``), so Streamlit keeps
each in the address (less its default) and in the session across page switches and reloads.
app.py draws them once for every page (ui/frame.py), which binding needs on 1.67: a page in
``pages/`` drawing its own frame had its own copy of each widget, and a link's values were lost
on the next page (tests/e2e/test_url.py pins it). ``read`` takes their values into the settings
at the start of a run; a link's values go into the bound keys before the widgets are drawn
(ui/arrival.py), as does a change on the phone's panel (keyed ``m_<name>``, from its callback).
The other settings (language, device, projector, a page's own) keep a widget keyed ``w_<name>``
or by the page that shows the stored setting and stores the user's change; ui/arrival.py writes
them to the address. Binding would change what a link says: a bound widget leaves its parameter
out at its default, and the language's default is the browser's (a teacher's copied address
would stop naming it); the projector must never reach the address; and a page's own widget is
drawn on its page only, where a bound one not drawn leaves the address (the link would stop
being the whole configuration on every other page).
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from explainer import settings

# The module and input settings: the sidebar's widgets bound to the URL parameter of that name.
BOUND = ("mode", "input_size", "hidden_size", "num_layers", "bidirectional", "batch_first", "bias") + (
    "nonlinearity",
    "dropout",
    "proj_size",
    "seq_len",
    "unbatched",
    "batch_size",
    "pass_hx",
    "seed",
)


# The bound settings only one mode takes: the sidebar draws their widgets for that mode alone.
ONLY_FOR = {"nonlinearity": "RNN", "proj_size": "LSTM"}


def drawn(mode: str) -> tuple[str, ...]:
    """The bound settings whose widgets the sidebar draws for ``mode`` (the others leave the address)."""
    return tuple(name for name in BOUND if ONLY_FOR.get(name, mode) == mode)


def read(values: dict[str, Any]) -> dict[str, Any]:
    """The settings with the bound widgets' values (what the reader set, or the link) in place."""
    ss = st.session_state
    return {**values, **{name: ss[name] for name in BOUND if name in ss}}


def put(updates: dict[str, Any]) -> None:
    """Set shared settings, the bound widgets' keys included (before the widgets are drawn)."""
    st.session_state["_values"].update(updates)
    for name, value in updates.items():
        if name in BOUND:
            st.session_state[name] = value


def bound(name: str, options: tuple[str, ...] | None = None) -> dict[str, Any]:
    """Widget kwargs for the sidebar's widget of a module or input setting: bound to the URL.

    The widget's default is the setting's default, so the address leaves out what a link leaves
    out; ``options``: the radio's, whose default is an index.
    """
    default = settings.DEFAULTS[name]
    first = {"index": options.index(default)} if options else {"value": default}
    return {"key": name, "bind": "query-params", **first}


def store(name: str) -> dict[str, Any]:
    """Where a setting lives: the shared settings (in every link) or the session's own."""
    return st.session_state["_values" if name in settings.DEFAULTS else "_app"]


def bind(name: str, key: str | None = None) -> dict[str, Any]:
    """Widget kwargs that show the stored setting and store the user's changes.

    Not for the sidebar's module and input settings (``bound``). Widget state is dropped when a
    widget is not drawn, so the key is seeded from the stored settings on every run (before the
    widget exists, which Streamlit allows). ``key`` tells apart two widgets for one setting: the
    sidebar's (``w_<name>``, the default), the phone's at the top of the page (``m_<name>``), a
    page's own (the gradients page's ``grad_seq_len``).
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
    put(option)


def set_value(name: str, value: Any) -> None:
    """on_click: one setting to ``value`` (leaving presentation mode)."""
    if name in settings.DEFAULTS:
        put({name: value})
    else:
        store(name)[name] = value


def _sync(name: str, key: str) -> None:
    """on_change: a widget's new value becomes the setting (runs before the script reruns).

    A second widget for a bound setting (the phone's, the gradients page's) sets the bound key.
    """
    if name in settings.DEFAULTS:
        put({name: st.session_state[key]})
    else:
        store(name)[name] = st.session_state[key]
