"""The settings a reader changes: the sidebar (language, pages, device, module and input, projector,
sharing) and, on a phone where Streamlit closes the sidebar, the same settings at the top of the page.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st
import torch

from explainer import i18n, run, settings
from explainer.config import LIMITS, MODES, NONLINEARITIES
from ui import state
from ui.lazy import opened
from ui.pages import PAGES
from ui.sharing import share_control
from ui.text import literal

LANG_NAMES = {"en": "English", "zh": "中文"}
# What the sidebar's module and input sections set (hidden on pages that do not use them).
SIDEBAR_FIELDS = frozenset(state.BOUND)
# A page without the module settings keeps their widgets, hidden: bound widgets that are not drawn
# leave the address, and a reload there would lose the settings the other pages use.
CSS = "<style>.st-key-unused_settings { display: none !important; }</style>"
DEVICES = settings.DEVICES


def language(lang: str) -> None:
    """The language selector, first in the sidebar."""
    st.sidebar.selectbox(
        i18n.t("side.language", lang), list(LANG_NAMES), format_func=LANG_NAMES.get, **state.bind("lang")
    )


def sidebar(
    lang: str, query: dict[str, str], pages: Mapping[str, st.Page], module_settings: bool = True
) -> str:
    """Draw the sidebar widgets (page links carry ``query``); return the chosen device setting.

    ``pages``: each page's registered st.Page by path (app.py), which the links point to.

    Without ``module_settings`` the module and input sections are left out (a page that does
    not use them); their values stay in the session and in the links.
    """
    side = st.sidebar
    for page in PAGES:
        side.page_link(pages[page.path], label=i18n.t(page.nav, lang), query_params=query)
    if run.cuda_available():
        side.radio(
            i18n.t("side.device", lang),
            DEVICES,
            **state.bind("device"),
            format_func=lambda d: i18n.t("side.device_auto", lang) if d == "auto" else d.upper(),
            horizontal=True,
        )
        choice = st.session_state["_app"]["device"]
    else:
        choice = "cpu"
    device = run.resolve_device(choice)
    side.caption(
        i18n.t("side.device_badge", lang, device=run.device_label(device), version=torch.__version__)
    )
    if module_settings:
        _module_settings(side, st.session_state["_values"], lang)
    else:
        _module_settings(side.container(key="unused_settings"), st.session_state["_values"], lang)
    side.toggle(i18n.t("side.present", lang), **state.bind("present"))
    share_control(side, lang, query, "share_side")
    return choice


def _kwargs(name: str, prefix: str, options: tuple[str, ...] | None = None) -> dict[str, Any]:
    """The sidebar's widget is bound to the URL (``prefix`` ""); the phone's copies it (``m_``)."""
    return state.bound(name, options) if not prefix else state.bind(name, f"{prefix}{name}")


def _int_input(container: Any, name: str, lang: str, disabled: bool = False, prefix: str = "") -> None:
    lo, hi = (0, LIMITS["hidden_size"][1] - 1) if name == "proj_size" else LIMITS[name]
    container.number_input(
        name,
        min_value=lo,
        max_value=hi,
        step=1,
        **_kwargs(name, prefix),
        help=i18n.t(f"help.{name}", lang) if f"help.{name}" in i18n.MESSAGES else None,
        disabled=disabled,
    )


def _module_settings(side: Any, values: dict[str, Any], lang: str, prefix: str = "") -> None:
    """The shared module and input settings (``prefix``: "" the sidebar's, "m_" the phone's)."""
    heading = side.subheader if not prefix else side.markdown  # the phone's panel: no extra headings
    heading(i18n.t("side.module", lang) if not prefix else f"**{i18n.t('side.module', lang)}**")
    side.radio("mode", MODES, **_kwargs("mode", prefix, tuple(MODES)), horizontal=True)
    mode = values["mode"]
    for name in ("input_size", "hidden_size", "num_layers"):
        _int_input(side, name, lang, prefix=prefix)
    for name in ("bidirectional", "batch_first", "bias"):
        side.checkbox(name, **_kwargs(name, prefix), help=i18n.t(f"help.{name}", lang))
    if mode == "RNN":
        side.radio(
            "nonlinearity",
            NONLINEARITIES,
            **_kwargs("nonlinearity", prefix, tuple(NONLINEARITIES)),
            horizontal=True,
        )
    side.number_input(
        "dropout",
        min_value=0.0,
        max_value=1.0,
        step=0.1,
        format="%.2f",
        **_kwargs("dropout", prefix),
        help=i18n.t("help.dropout", lang),
    )
    if mode == "LSTM":
        _int_input(side, "proj_size", lang, prefix=prefix)

    heading(i18n.t("side.input", lang) if not prefix else f"**{i18n.t('side.input', lang)}**")
    _int_input(side, "seq_len", lang, prefix=prefix)
    side.toggle(i18n.t("side.unbatched", lang), **_kwargs("unbatched", prefix))
    _int_input(side, "batch_size", lang, disabled=values["unbatched"], prefix=prefix)
    side.toggle(i18n.t("side.pass_hx", lang), **_kwargs("pass_hx", prefix))
    side.number_input(
        i18n.t("side.seed", lang),
        min_value=0,
        max_value=LIMITS["seed"][1],
        step=1,
        **_kwargs("seed", prefix),
    )


def module_line(values: dict[str, Any]) -> str:
    """The module in one line for the phone's settings control: ``nn.GRU(10, 20, 2) ↔``.

    torch's positional arguments (input_size, hidden_size, num_layers); ↔ marks bidirectional.
    """
    try:
        line = f"nn.{values['mode']}({values['input_size']}, {values['hidden_size']}, {values['num_layers']})"
    except KeyError:
        return ""
    return literal(line + (" ↔" if values.get("bidirectional") else ""))


def phone_settings(lang: str, values: dict[str, Any], module_settings: bool) -> None:
    """On a phone (where Streamlit closes the sidebar) the page's settings open from the top of the page.

    A labelled control names the module in one line; opening it shows the same settings as the
    sidebar (bound to the same values). Its contents run only while it is open: on a desktop it
    is hidden and closed, and costs nothing.
    """
    label = (
        i18n.t("phone.settings", lang, module=module_line(values))
        if module_settings
        else i18n.t("phone.settings_plain", lang)
    )
    box = opened(label, "phone_settings", icon=":material/tune:")
    if not box:
        return
    with box:
        box.selectbox(
            i18n.t("side.language", lang),
            list(LANG_NAMES),
            format_func=LANG_NAMES.get,
            **state.bind("lang", "m_lang"),
        )
        if module_settings:
            _module_settings(box, values, lang, prefix="m_")
        else:
            box.caption(i18n.t("phone.none", lang))
