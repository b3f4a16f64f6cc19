"""Shapes explorer: every tensor and parameter, predicted, explained, and checked by real torch."""

import streamlit as st

from explainer import figures, seeds, shapes, snippet
from explainer.config import RNNConfig
from ui import cache
from ui.frame import Frame, current
from ui.render import text_table

fr = current()
st.title(fr.t("shapes.title"))
st.markdown(fr.t("shapes.purpose"))
fr.guard()
cfg, L, N, lang = fr.cfg, fr.seq_len, fr.batch_size, fr.lang
pass_hx = fr.values["pass_hx"]


def table(rows, columns):
    """Rows of ``explainer.shapes.Row`` as a wrapped, index-free table."""
    data = [{fr.t(f"col.{c}"): (str(getattr(r, c)) if c != "why" else r.why) for c in columns} for r in rows]
    st.table(text_table(data), hide_index=True)


@st.fragment
def seed_articles(fr: Frame, cfg: RNNConfig, L: int, N: int | None, lang: str) -> None:
    """What the seed articles teach, checked on this module: built when opened, and opening it
    reruns only this (the checks run two real modules; a closed expander shows nothing)."""
    box = fr.opened(fr.t("seed.articles"), "seed_articles")
    if not box:
        return
    with box, fr.safe():
        one_hot, views = cache.seed_views(cfg, L, N, fr.values["seed"])
        st.markdown(seeds.one_hot_text(cfg, one_hot, lang))
        st.markdown(seeds.view_text(views, lang))
        st.table(text_table(seeds.view_rows(views, lang)), hide_index=True)
        if cfg.D == 2 and not views.checks[-1].equal:  # read from the numbers: relu can zero both
            st.caption(fr.t("seed.views_reverse"))


with fr.safe():
    st.code(snippet.constructor_call(cfg), language="python")
    for message in cache.constructor_warnings(cfg):
        st.warning(f"{fr.t('shapes.torch_warning')}\n\n`UserWarning: {message}`")

    st.subheader(fr.t("shapes.tensors"))
    table(shapes.tensor_rows(cfg, L, N, pass_hx, lang), ["name", "shape", "symbolic", "why"])
    st.caption(seeds.output_note(cfg, lang))
    seed_articles(fr, cfg, L, N, lang)

    st.subheader(fr.t("shapes.verdict"))
    report = cache.run_check(cfg, L, N, pass_hx, fr.values["seed"], str(fr.device))
    if report.on_meta:
        text = fr.t("shapes.on_meta", gflops=f"{report.flops / 1e9:.1f}")
        if report.seq_len < L:
            text += " " + fr.t("shapes.on_meta_short", checked=report.seq_len, seq_len=L)
        st.info(text)
    if report.error:
        st.error(fr.t("shapes.verdict_error", error=report.error))
    elif report.ok:
        st.success(
            fr.t(
                "shapes.verdict_ok",
                n=len(report.comparisons),
                call=snippet.constructor_call(cfg),
                device=report.device_label,
                accepted=", ".join(report.accepted),
            )
        )
    else:
        bad = [c for c in report.comparisons if not c.ok]
        st.error(fr.t("shapes.verdict_bad", names=", ".join(c.name for c in bad)))
        st.table(
            text_table(
                [
                    {
                        fr.t("col.name"): c.name,
                        fr.t("col.predicted"): str(c.predicted),
                        fr.t("col.actual"): str(c.actual),
                    }
                    for c in bad
                ]
            ),
            hide_index=True,
        )
    fr.device_notice(report)
    if report.final_states:
        lines = [fr.t("shapes.finals", last=shapes.last_step(cfg, N is not None))]
        for chk in report.final_states:
            verdict = (
                fr.t("shapes.final_equal")
                if chk.max_abs_diff == 0
                else fr.t("shapes.final_differ", diff=f"{chk.max_abs_diff:.3g}")
            )
            lines.append(f"- `{chk.output_expr}` vs `{chk.h_n_expr}` — **{verdict}**")
        st.markdown("\n".join(lines))

    st.subheader(fr.t("shapes.grid"))
    fr.chart(figures.grid_figure(cfg, L, N is not None, lang), "grid", "output_h_n_grid")
    st.caption(fr.t("shapes.grid_caption", last=shapes.last_step(cfg, N is not None)))

    st.subheader(fr.t("shapes.params"))
    table(shapes.parameter_rows(cfg, lang), ["name", "shape", "symbolic", "blocks", "count", "why"])
    k = shapes.init_bound(cfg)
    st.markdown(
        fr.t(
            "shapes.params_total", total=f"{cfg.parameter_count:,}", hidden_size=cfg.hidden_size, k=f"{k:.4f}"
        )
    )
    st.markdown(f"**{fr.t('count.title')}**")
    st.markdown("\n".join(f"- {line}" for line in shapes.parameter_count_notes(cfg, lang)))

    st.subheader(fr.t("shapes.snippet"))
    st.caption(fr.t("shapes.snippet_caption"))
    st.code(snippet.snippet(cfg, L, N, pass_hx, fr.values["seed"]), language="python")
    fr.exports()
