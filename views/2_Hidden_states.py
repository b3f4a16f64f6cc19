"""Inside the layer: every hidden state, cell state and gate, computed by hand and backed by torch."""

import streamlit as st

from explainer import inputs, inside, settings
from explainer.figures import heatmap_figure, lines_figure, quantity_values
from explainer.inputs import SINE_PERIOD
from ui import cache, present
from ui.frame import Frame, current
from ui.render import text_table


@st.fragment
def view(fr: Frame, report, bounds: dict[str, int]) -> None:
    """The view controls, both figures and the downloads: changing what is shown reruns only this.

    A full rerun here costs the frame's sidebar and the trace's tables again (several times the
    figures' own work); the trace itself is already computed and cached for the setting.
    """
    with fr.safe():
        c1, c2, c3 = st.columns(3)
        shown = {
            "quantity": c1.selectbox(
                fr.t("hs.quantity"),
                settings.quantities(fr.cfg.mode),
                format_func=lambda q: fr.t(f"q.{q}"),
                **fr.bind("quantity"),
            ),
            "layer": c2.selectbox(fr.t("hs.layer"), range(bounds["layer"] + 1), **fr.bind("layer")),
            "item": c3.selectbox(fr.t("hs.item"), range(bounds["item"] + 1), **fr.bind("item")),
        }
        present.keep_view(fr, shown)  # the address, and the class's link where it is on screen
        fr.figures = []  # this run's figures only: a fragment rerun reuses the full run's frame
        draw(fr, report, **shown)


def draw(fr: Frame, report, quantity: str, layer: int, item: int) -> None:
    """The heatmap and the chosen units of ``quantity`` in ``layer`` for batch ``item``, and the downloads."""
    cfg, lang, data = fr.cfg, fr.lang, report.data
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


fr = current()
st.title(fr.t("hs.title"))
st.markdown(fr.t("hs.purpose"))
values, bounds = fr.values, fr.bounds()
c1, c2 = st.columns(2)
c1.selectbox(fr.t("hs.source"), inputs.SOURCES, format_func=lambda s: fr.t(f"src.{s}"), **fr.bind("source"))
if values["source"] == "text":
    c2.text_input(fr.t("hs.text"), max_chars=64, **fr.bind("text"))
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
    if box := fr.opened(fr.t("hs.backed", mode=cfg.mode, finals=finals), "hs_backed"):
        with box:
            st.table(text_table(inside.agreement_rows(report, fr.lang, finals=True)), hide_index=True)
            if cfg.mode != "RNN":
                st.caption(fr.t("hs.gates_note"))

    view(fr, report, bounds)
