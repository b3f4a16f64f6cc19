"""Streamlit's own floor for this app's pages: widgets of the same kinds and number as a page's, one
Plotly figure carrying as many numbers as the page's figures, and nothing else.

bench/floor.py reruns it the way bench/run.py reruns the real pages (a seed change), so a
page's rerun divided by this one's is the app's cost above what Streamlit itself costs.

Which widgets and how many numbers come from the environment (``FLOOR_SPEC``, JSON: bench/floor.py
counts them on the page it compares with); without it, the frame's: the sidebar's widgets and a
heatmap of the hidden-states page's size, the floor every page shares. A sidebar number input is
the seed, which the rerun changes.

What every real page has and this floor leaves out (so a ratio counts it as the app's cost; measured
2026-12-07, script-thread CPU per rerun on the hidden-states page, a floor rerun being 8-10 ms):
the frame's stylesheet and script (two st.html, ~0.6 ms), ten st.page_link (against ten
markdown links here), the share and phone-settings expanders (~0.6 ms), a table expander under each
figure (~0.2-0.5 ms each), the exports expander, st.navigation, the page's text, tables and
second figure, about twice the session keys (each number input reads them all: ~0.015 ms a key);
and on a seed change, the page's own computation (bench/floor.py reports it apart).
"""

import json
import os

import numpy as np
import plotly.graph_objects as go
import streamlit as st

FRAME = {
    "widgets": {"s.selectbox": 1, "s.radio": 1, "s.number_input": 8, "s.checkbox": 3, "s.toggle": 3},
    "values": 200,  # two 20 x 5 heatmaps: the hidden-states page's default
}
spec = json.loads(os.environ.get("FLOOR_SPEC") or "null") or FRAME

side = st.sidebar
for i in range(10):  # the page links
    side.markdown(f"[Page {i}](#)")
side.caption("Running on CPU")
st.title("Floor")
st.markdown("One line of purpose.")
seed = 0
for name, count in spec["widgets"].items():
    where, kind = name.split(".")
    box = side if where == "s" else st
    for i in range(count):
        key = f"{where}_{kind}_{i}"
        if kind == "number_input" and where == "s" and i == 0:
            seed = side.number_input("Seed", 0, 2**31 - 1, 0, key="seed")
        elif kind == "number_input":
            box.number_input(key, 1, 1024, 10 + i, key=key)
        elif kind in ("selectbox", "radio", "select_slider"):
            getattr(box, kind)(key, ["RNN", "LSTM", "GRU"], key=key)
        elif kind == "multiselect":
            box.multiselect(key, list(range(20)), default=[0, 1, 2], key=key)
        elif kind in ("checkbox", "toggle", "button"):
            getattr(box, kind)(key, key=key)
        elif kind in ("text_input", "text_area"):
            getattr(box, kind)(key, "hello world", key=key)
        elif kind == "slider":
            box.slider(key, 0.0, 2.0, 1.0, key=key)
        elif kind == "download_button":
            box.download_button(key, lambda: "data", file_name=f"{key}.txt", key=key, on_click="ignore")
        else:
            raise ValueError(f"the floor has no {kind}")

cols = -(-spec["values"] // 40)  # two heatmaps of 20 rows, as many numbers as the page's figures
if cols:
    values = np.random.default_rng(int(seed)).standard_normal((20, cols)).astype(np.float32)
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
