"""Inside the layer: every hidden state, cell state and gate, computed by hand and backed by torch."""

import pandas as pd
import streamlit as st

from explainer import inputs, inside, settings
from explainer.figures import heatmap_figure, lines_figure, quantity_values
from explainer.inputs import SINE_PERIOD
from ui import cache
from ui.frame import current

fr = current()
st.title(fr.t("hs.title"))
st.markdown(fr.t("hs.purpose"))
values, bounds = fr.values, fr.bounds()
c1, c2, c3, c4 = st.columns(4)
c1.selectbox(fr.t("hs.source"), inputs.SOURCES, format_func=lambda s: fr.t(f"src.{s}"), **fr.bind("source"))
if values["source"] == "text":
    c1.text_input(fr.t("hs.text"), max_chars=64, **fr.bind("text"))
c2.selectbox(
    fr.t("hs.quantity"),
    settings.quantities(values["mode"]),
    format_func=lambda q: fr.t(f"q.{q}"),
    **fr.bind("quantity"),
)
c3.selectbox(fr.t("hs.layer"), range(bounds["layer"] + 1), **fr.bind("layer"))
c4.selectbox(fr.t("hs.item"), range(bounds["item"] + 1), **fr.bind("item"))
fr.guard()
cfg, lang = fr.cfg, fr.lang

with fr.safe():
    report = cache.trace_or_stop(fr, "float32")
    data = report.data
    if values["source"] == "text":
        st.caption(fr.t("hs.text_note", L=data.seq_len, vocab=len(set(values["text"])), H_in=cfg.input_size))
    elif values["source"] == "sine":
        st.caption(fr.t("hs.sine_note", period=int(SINE_PERIOD)))

    tol = f"{report.tolerance:.2g}"
    verdict = fr.t("hs.ok" if report.ok else "hs.bad", diff=f"{report.max_diff:.2e}", tol=tol)
    (st.success if report.ok else st.error)(verdict)
    finals = fr.t("hs.finals_lstm") if cfg.mode == "LSTM" else "h_n"  # GRU and RNN return no c_n
    with st.expander(fr.t("hs.backed", mode=cfg.mode, finals=finals)):
        st.table(pd.DataFrame(inside.agreement_rows(report, fr.lang, finals=True)), hide_index=True)
        if cfg.mode != "RNN":
            st.caption(fr.t("hs.gates_note"))

    quantity, layer, item = values["quantity"], values["layer"], values["item"]
    tensor = quantity_values(report.trace, quantity)
    label = fr.t(f"q.{quantity}")
    st.subheader(fr.t("hs.heatmap", q=label))
    batched = fr.batch_size is not None
    fr.chart(
        heatmap_figure(cfg, tensor, layer, item, data.time_labels, quantity, batched, lang),
        "heatmap",
        f"{quantity}_heatmap_layer{layer}",
    )

    st.subheader(fr.t("hs.lines"))
    width = tensor.shape[-1]
    default_units = [u for u in (0, 1, 2) if u < width]
    units = st.multiselect(
        fr.t("hs.units"), list(range(width)), default=default_units, key="hs_units", max_selections=8
    )
    fr.chart(
        lines_figure(cfg, tensor, layer, item, units, data.time_labels, quantity, lang),
        "lines",
        f"{quantity}_units_layer{layer}",
    )
    fr.exports(report.trace, data.x, quantity)
