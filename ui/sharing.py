"""The "share with students" control: the clean link (no projector view), its copy button and a QR code."""

from __future__ import annotations

from typing import Any

import streamlit as st

from explainer import i18n, share
from ui.lazy import opened

CSS = """
<style>
.share-qr img { width: 100%; max-width: 420px; height: auto; display: block; margin: 0 auto; }
[class*="st-key-share_"] [data-testid="stElementToolbar"] { opacity: 1 !important; }
</style>
"""


def share_control(container: Any, lang: str, query: dict[str, str], key: str, expanded: bool = False) -> None:
    """The control in ``container`` (the sidebar, a projected page); the QR is drawn only while it is open.

    segno draws it in about a millisecond.
    """
    box = opened(i18n.t("share.title", lang), key, ":material/qr_code_2:", container, expanded)
    if not box:
        return
    page_url = st.context.url or ""
    link = share.student_link(page_url, query)
    with box:
        st.caption(i18n.t("share.how", lang))
        st.code(link, language=None, wrap_lines=True)
        st.html(f'<div class="share-qr">{share.qr_img(link, i18n.t("share.qr", lang))}</div>')
