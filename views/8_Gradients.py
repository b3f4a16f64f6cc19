"""Gradient flow through time: how much gradient reaches each timestep (RNN, LSTM, GRU), by real autograd."""

import pandas as pd
import streamlit as st

from explainer import config, i18n, inputs
from explainer import gradients as grad
from explainer.figures import check_figure, gradient_figure
from explainer.setting import DTYPES
from explainer.verify import tolerance
from ui import cache
from ui.frame import current

fr = current()
st.title(fr.t("grad.title"))
st.markdown(fr.t("grad.purpose"))
values = fr.values
c0, c1, c2, c3, c4 = st.columns(5)
lo, hi = config.LIMITS["seq_len"]
text = values["source"] == "text"  # one step per character: the text sets the length
c0.slider("seq_len", lo, hi, disabled=text, **fr.bind("seq_len", key="grad_seq_len"))
c1.selectbox(fr.t("hs.source"), inputs.SOURCES, format_func=lambda s: fr.t(f"src.{s}"), **fr.bind("source"))
if text:
    c1.text_input(fr.t("hs.text"), max_chars=64, **fr.bind("text"))
c2.select_slider(fr.t("grad.hh_scale"), grad.HH_SCALES, help=fr.t("grad.hh_help"), **fr.bind("hh_scale"))
c3.radio(
    fr.t("grad.forget_bias"),
    grad.FORGET_BIASES,
    format_func=lambda b: fr.t(f"grad.fb.{b}"),
    help=fr.t("grad.fb_help"),
    **fr.bind("forget_bias"),
)
c4.select_slider(fr.t("grad.max_norm"), grad.MAX_NORMS, **fr.bind("max_norm"))
fr.guard()
cfg, lang = fr.cfg, fr.lang

with fr.safe():
    report = cache.gradients_or_stop(fr)
    T = report.seq_len - 1
    if not cfg.bias and values["forget_bias"] != "torch":
        st.info(fr.t("grad.fb_no_bias"))

    st.subheader(fr.t("grad.compare_title"))
    step = "x.grad[:, t]" if cfg.batch_first and fr.batch_size is not None else "x.grad[t]"
    st.caption(fr.t("grad.compare_caption", row=grad.final_row(cfg), slice=step))
    fr.chart(gradient_figure(report.compared, "grad.axis", lang), "grad_compare", "gradient_per_step")
    st.markdown("\n".join(f"- {claim}" for claim in grad.claims(report, lang)))
    zeros = grad.zero_points(report)
    st.caption(fr.t("grad.float64", zeros=zeros if zeros else fr.t("grad.no_zeros")))

    st.subheader(fr.t("grad.layers_title", mode=cfg.mode))
    caption = [fr.t("grad.layers_caption")] + [fr.t("grad.layers_caption_reverse", T=T)] * (cfg.D == 2)
    st.caption(i18n.join(lang, *caption))
    curves = {
        fr.t("grad.layer_dir", layer=layer, arrow="→" if d == 0 else "←"): report.layers[layer, d]
        for layer in range(cfg.num_layers)
        for d in range(cfg.D)
    }
    fr.chart(gradient_figure(curves, "grad.axis_layer", lang), "grad_layers", "gradient_per_layer")

    st.subheader(fr.t("grad.why_title"))
    st.markdown(fr.t("grad.why_rnn"))
    st.markdown(grad.cell_path_sentence(report, lang))
    st.markdown(fr.t("grad.why_explode"))

    st.subheader(fr.t("grad.clip_title"))
    st.markdown(fr.t("grad.clip_code", mode=cfg.mode))
    st.code(
        f"loss = h_n[{grad.final_row(cfg)}].sum()\nloss.backward()\n"
        f"total = torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm={report.clipping.max_norm})",
        language="python",
    )
    st.markdown(grad.clip_sentence(report, lang))
    st.caption(fr.t("grad.clip_note"))

    st.subheader(fr.t("grad.check_title"))
    st.markdown(fr.t("grad.check_purpose"))
    for check in report.checks:
        if check.name == "lstm_cell_path":
            st.markdown(fr.t("grad.check_lstm"))
        name = fr.t(f"grad.check_name.{check.name}")
        params = dict(name=name, diff=f"{check.max_diff:.2e}", tol=f"{check.tolerance:.2g}")
        (st.success if check.ok else st.error)(
            fr.t("grad.check_ok" if check.ok else "grad.check_bad", **params)
        )
    why = fr.t(tolerance(DTYPES["float64"], report.device)[1], setting="")
    relative = ", ".join(f"{fr.t(f'grad.check_name.{c.name}')} {c.rel_diff:.1e}" for c in report.checks)
    st.caption(fr.t("grad.tolerance", why=why, relative=relative))
    pairs = {fr.t(f"grad.check_name.{c.name}"): (c.manual, c.autograd) for c in report.checks}
    fr.chart(check_figure(pairs, lang), "grad_checks", "manual_vs_autograd")
    st.caption(fr.t("grad.check_figure"))
    if box := fr.opened(fr.t("grad.check_table"), "grad_check_table"):
        rows = [
            {
                fr.t("grid.time"): t,
                **{fr.t(f"grad.check_name.{c.name}"): f"{c.autograd[t].item():.3e}" for c in report.checks},
            }
            for t in range(0, T + 1, max(1, (T + 1) // 10))
        ]
        box.table(pd.DataFrame(rows), hide_index=True)
    sources = grad.manual_sources()
    fr.code_that_ran(
        fr.t("grad.source_title"), fr.t("grad.source"), "grad_source", sources["rnn"], sources["lstm"]
    )
    fr.exports()
