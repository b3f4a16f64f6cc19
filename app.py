"""Home page: what the app is, the letters PyTorch uses, and where to start."""

import pandas as pd
import streamlit as st

import explainer as ex
from ui.frame import PAGES, frame

# Each page's own one-line purpose, as the page itself shows it under its title.
PURPOSES = {
    "nav.shapes": "shapes.purpose",
    "nav.hidden": "hs.purpose",
    "nav.equations": "eq.purpose",
    "nav.debugger": "dbgp.purpose",
    "nav.quiz": "quiz.purpose",
    "nav.packed": "pk.purpose",
    "nav.training": "tr.purpose",
}

fr = frame("app.title")
st.title(fr.t("app.title"))
st.markdown(fr.t("home.intro"))
fr.show_notes()
st.page_link(
    "pages/1_Shapes.py", label=fr.t("home.start"), icon=":material/arrow_forward:", query_params=fr.query
)

st.subheader(fr.t("home.letters"))
with fr.safe():
    rows = ex.letter_rows(fr.cfg, fr.seq_len, fr.batch_size, fr.lang)
    st.table(pd.DataFrame(rows), hide_index=True)
    st.markdown(fr.t("home.letters_note"))

st.subheader(fr.t("home.pages"))
for path, key in PAGES:
    if key in PURPOSES:
        st.page_link(path, label=fr.t(key), query_params=fr.query)
        st.caption(fr.t(PURPOSES[key]))
