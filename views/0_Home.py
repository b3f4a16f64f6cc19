"""Home page: what the app is, the letters PyTorch uses, and where to start."""

import pandas as pd
import streamlit as st

from explainer import shapes
from ui.frame import current
from ui.pages import PAGES

fr = current()
st.title(fr.t("app.title"))
st.markdown(fr.t("home.intro"))
fr.show_notes()
st.page_link(
    fr.page("views/1_Shapes.py"),
    label=fr.t("home.start"),
    icon=":material/arrow_forward:",
    query_params=fr.query,
)

st.subheader(fr.t("home.letters"))
with fr.safe():
    rows = shapes.letter_rows(fr.cfg, fr.seq_len, fr.batch_size, fr.lang)
    st.table(pd.DataFrame(rows), hide_index=True)
    st.markdown(fr.t("home.letters_note"))

st.subheader(fr.t("home.pages"))
for page in PAGES:
    if page.purpose:
        st.page_link(fr.page(page.path), label=fr.t(page.nav), query_params=fr.query)
        st.caption(fr.t(page.purpose))
