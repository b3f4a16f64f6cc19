"""Streamlit's own floor for this app's pages: the same kinds and number of widgets as the frame's
sidebar and one Plotly heatmap of the hidden-states page's size, and nothing else.

bench/floor.py reruns it the way bench/run.py reruns the real pages (a seed change), so a
page's rerun divided by this one's is the app's cost above what Streamlit itself costs.

What every real page has and this floor leaves out (so a ratio counts it as the app's cost; measured
2026-12-07, script-thread CPU per rerun on the hidden-states page, a floor rerun being 8-10 ms):
the frame's stylesheet and script (two st.html, ~0.6 ms), ten st.page_link (~1.8 ms, against ten
markdown links here), the share and phone-settings expanders (~0.6 ms), a table expander under each
figure (~0.2-0.5 ms each), the exports expander, st.navigation, and about twice the session keys
(each widget reads them all: ~+25% per widget); and on a seed change, the page's own computation
(the trace: 6-9 ms; the gradients: ~40 ms), which this floor does not have.
"""

import numpy as np
import plotly.graph_objects as go
import streamlit as st

side = st.sidebar
side.selectbox("Language", ["en", "zh"], key="w_lang")
for i in range(10):  # the page links
    side.markdown(f"[Page {i}](#)")
side.caption("Running on CPU")
side.subheader("Module")
side.radio("mode", ["RNN", "LSTM", "GRU"], key="mode", horizontal=True)
for name, value in (("input_size", 10), ("hidden_size", 20), ("num_layers", 2)):
    side.number_input(name, 1, 1024, value, key=name)
for name in ("bidirectional", "batch_first", "bias"):
    side.checkbox(name, key=name)
side.number_input("dropout", 0.0, 1.0, 0.0, 0.1, key="dropout")
side.number_input("proj_size", 0, 1023, 0, key="proj_size")
side.subheader("Input")
side.number_input("seq_len", 1, 512, 5, key="seq_len")
side.toggle("Unbatched", key="unbatched")
side.number_input("batch_size", 1, 256, 3, key="batch_size")
side.toggle("Pass h_0", key="pass_hx")
seed = side.number_input("Seed", 0, 2**31 - 1, 0, key="seed")
side.toggle("Presentation", key="w_present")

st.title("Floor")
st.markdown("One line of purpose.")
values = np.random.default_rng(int(seed)).standard_normal((20, 5)).astype(np.float32)
# built as the app builds its figures (explainer/figures.py): plain dicts, no per-property validation
data = [
    {"type": "heatmap", "z": values, "colorscale": "RdBu", "xaxis": f"x{i}", "yaxis": f"y{i}"}
    for i in ("", "2")
]
layout = {
    "height": 420,
    "xaxis": {"domain": [0, 0.48]},
    "xaxis2": {"domain": [0.52, 1]},
    "yaxis2": {"anchor": "x2"},
}
st.plotly_chart(go.Figure(data=data, layout=layout, _validate=False), key="floor_heatmap")
