"""The exports panel: a runnable script, every figure as HTML and PNG, traced numbers, a page's own files."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from explainer import export, i18n
from ui.lazy import opened

# The note under the PNG buttons, by export.png_state() ("none": no renderer on this server).
PNG_NOTES = {
    "none": "exp.no_png",
    "cold": "exp.png_cold",
    "starting": "exp.png_note",
    "warm": "exp.png_ready",
}


def panel(
    lang: str,
    figures: Sequence[tuple[str, Any]],
    script: export.Download | None,
    trace: Any = None,
    x: Any = None,
    quantity: str | None = None,
    files: Sequence[export.Download] = (),
) -> None:
    """The page's downloads in one closed expander, drawn only while it is open; each file is built
    only when its button is clicked.

    Closed (as every page opens), the panel is one element: its buttons cost each rerun about as
    much as the rest of the page's text, and each keyed widget makes Streamlit's every other widget
    a little slower (a widget reads all the session's keys); opening it reruns the page.
    """
    png = export.png_available()
    if png and figures:
        export.warm_png()  # once per process, in the background: the first PNG click is warm
    box = opened(i18n.t("exp.title", lang), "exports")
    if not box:
        return
    with box:
        if script is not None:
            _download(script, "exp_snippet")
        for name, fig in figures:
            label = name.replace(" ", "_")
            st.download_button(
                i18n.t("exp.html", lang, name=name),
                lambda fig=fig: export.figure_html(fig),
                file_name=f"{label}.html",
                mime="text/html",
                key=f"exp_html_{label}",
                on_click="ignore",
            )
            if png:
                st.download_button(
                    i18n.t("exp.png", lang, name=name),
                    lambda fig=fig: export.figure_png(fig),
                    file_name=f"{label}.png",
                    mime="image/png",
                    key=f"exp_png_{label}",
                    on_click="ignore",
                )
        if figures:
            state = export.png_state() if png else "none"
            st.caption(i18n.t(PNG_NOTES[state], lang))
        if trace is not None:
            st.download_button(
                i18n.t("exp.npz", lang),
                lambda: export.trace_npz(trace, x),
                file_name="trace.npz",
                mime="application/octet-stream",
                key="exp_npz",
                on_click="ignore",
            )
            if quantity:
                st.download_button(
                    i18n.t("exp.csv", lang, q=quantity),
                    lambda: export.trace_csv(trace, quantity),
                    file_name=f"trace_{quantity}.csv",
                    mime="text/csv",
                    key="exp_csv",
                    on_click="ignore",
                )
        for item in files:
            _download(item, f"exp_file_{item.file_name}")


def follow_fragment() -> None:
    """Call at the end of a fragment that draws figures while the panel sits outside it: when the
    panel is open, a rerun of the fragment alone would leave it offering the figures it drew
    before, so the whole page reruns once (a closed panel is built from the page when opened)."""
    ctx = get_script_run_ctx()
    if ctx and ctx.fragment_ids_this_run and st.session_state.get("exports"):
        st.rerun()


def _download(item: export.Download, key: str) -> None:
    st.download_button(
        item.label, item.data, file_name=item.file_name, mime=item.mime, key=key, on_click="ignore"
    )
