"""Presentation mode: type a back row can read, no sidebar, a way out and the class's link on every page.

Figures get projector fonts from ``explainer.figures.for_projector`` (Frame.chart); the address
never carries this view (``explainer.share.TEACHER_ONLY``).
"""

from __future__ import annotations

from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from explainer import i18n, settings
from ui import state
from ui.sharing import share_control

# The keys of ui/sharing.py's two controls that show the students' link and QR code: the
# sidebar's and the projector's (open from the start).
SHARE_KEYS = ("share_side", "share_main")

# Everything a back row reads; the way out stays below Streamlit's fixed header.
CSS = """
<style>
:root { --rnn-present: 1; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li { font-size: 26px !important; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p,
[data-testid="stWidgetLabel"] p { font-size: 22px !important; line-height: 1.45 !important; }
[data-testid="stTable"] td, [data-testid="stTable"] th,
[data-testid="stTable"] td p, [data-testid="stTable"] th p {
  font-size: 22px !important; line-height: 1.45 !important;
}
[data-testid="stTable"] [data-testid="stMarkdownContainer"] { max-width: 640px !important; }
[data-testid="stCode"] code { font-size: 22px !important; }
[data-testid="stAlertContainer"] p { font-size: 26px !important; }
[data-baseweb="select"] div, [data-baseweb="input"] input, [data-testid="stNumberInput"] input,
[data-testid="stTextInput"] input, [role="radiogroup"] p, [data-testid="stCheckbox"] p,
[data-testid="stSelectbox"] input, [data-testid="stMultiSelect"] span, [data-testid="stTextArea"] textarea,
button p { font-size: 22px !important; }
[data-testid="stSelectbox"] input { min-height: 1.5em; }
/* a slider's value above its thumb: at projector size it would sit on the track */
[data-testid="stSlider"] [data-baseweb="slider"] { margin-top: 1.6em !important; }
[data-testid="stSliderThumbValue"] { font-size: 22px !important; top: -1.5em !important; }
[data-testid="stSliderTickBar"] div { font-size: 18px !important; }
[data-testid="stExpander"] summary p { font-size: 24px !important; }
.katex { font-size: 1.6em !important; }
h1 { font-size: 56px !important; }
h2, h3 { font-size: 40px !important; }
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"] { display: none !important; }
.st-key-phone_settings { display: none !important; }
.block-container { max-width: 100% !important; padding-top: 5rem !important; }
</style>
"""


def show(lang: str, query: dict[str, str]) -> None:
    """Project this page: the larger styles, a button back, and the students' link and QR code open."""
    st.html(CSS)
    st.button(
        i18n.t("present.exit", lang), on_click=state.set_value, args=("present", False), key="present_exit"
    )
    share_control(st, lang, query, "share_main")


def keep_view(fr: Any, shown: dict[str, Any]) -> None:
    """A fragment's view choices (``shown``: layer, t, quantity, ...) into the address and the class's link.

    A fragment rerun redraws only the fragment, so the frame's address and share control miss the
    change. The address is written here; the link and QR code, drawn outside the fragment, get one
    full rerun, and only while one is on screen (the projector's, an opened control): a closed
    control builds its link when it is opened, from the settings the widgets have already stored.
    """
    changed = False
    for name, value in shown.items():
        if st.query_params.get(name, str(settings.DEFAULTS[name])) != str(value):
            fr.keep_in_link(name, str(value))
            changed = True
    ctx = get_script_run_ctx()
    in_fragment = bool(ctx and ctx.fragment_ids_this_run)  # a full run has drawn the link already
    if changed and in_fragment and any(st.session_state.get(k) for k in SHARE_KEYS):
        st.rerun()
