"""Equation check: PyTorch's equations, one step with real numbers, and the whole sequence vs torch."""

import streamlit as st

from explainer import cells, equations, inside, variants
from explainer.figures import diff_figure
from ui import cache, exports, present
from ui.frame import Frame, current
from ui.render import named_value, text_table


@st.fragment
def step(fr: Frame, report, bounds: dict[str, int]) -> None:
    """The step picker and that one step by hand: picking another step reruns only this.

    The layer, direction, t and item choose which numbers are shown, not what is computed: the
    trace (and the whole-sequence checks, the variants and the cell loop below) stay as they are.
    """
    c1, c2, c3, c4 = st.columns(4)
    shown = {
        "layer": c1.selectbox(fr.t("hs.layer"), range(bounds["layer"] + 1), **fr.bind("layer")),
        "direction": c2.selectbox(
            fr.t("eq.direction"),
            range(bounds["direction"] + 1),
            **fr.bind("direction"),
            format_func=lambda d: fr.t("grid.forward" if d == 0 else "grid.reverse"),
        ),
        "t": c3.selectbox(fr.t("eq.t"), range(bounds["t"] + 1), **fr.bind("t")),
        "item": c4.selectbox(fr.t("hs.item"), range(bounds["item"] + 1), **fr.bind("item")),
    }
    present.keep_view(fr, shown)  # the address, and the class's link where it is on screen
    with fr.safe():
        layer, direction, t, item = shown.values()
        detail = cache.step_detail(report, report.setting, layer, direction, t, item)
        dir_name = fr.t("grid.forward" if direction == 0 else "grid.reverse")
        st.markdown(f"**{fr.t('eq.step', layer=layer, direction=dir_name, t=t, item=item)}**")
        st.caption(fr.t("eq.prev_init") if detail.prev_t is None else fr.t("eq.prev", prev=detail.prev_t))
        left, right = st.columns([2, 3])
        with left:
            st.markdown(f"*{fr.t('eq.operands')}*")
            for term in detail.operands:
                st.latex(named_value(term.name, tuple(term.value.shape), term.latex))
        with right:
            st.markdown(f"*{fr.t('eq.results')}*")
            for lhs, rhs, term in detail.results:
                st.latex(named_value(lhs, tuple(term.value.shape), f"{rhs} = {term.latex}"))
        step_ok = detail.max_diff_to_trace <= report.tolerance
        key = "eq.step_vs_trace" if step_ok else "eq.step_vs_trace_bad"
        (st.success if step_ok else st.error)(fr.t(key, diff=f"{detail.max_diff_to_trace:.2e}"))


@st.fragment
def variant_section(fr: Frame, report) -> None:
    """Textbook variants: the same weights and input under one classic wrong convention.

    The choice is the session's own (not in the link) and changes only this section: picking
    another reruns only this (its report is computed once per setting and variant).
    """
    cfg, lang = fr.cfg, fr.lang
    tol = f"{report.tolerance:.2g}"
    with fr.safe():
        st.subheader(fr.t("var.title"))
        st.markdown(fr.t("var.purpose"))
        options = variants.variants_for(cfg)
        if st.session_state.get("eq_variant") not in options:  # a mode or bias change removed the choice
            st.session_state["eq_variant"] = "pytorch"
        variant = st.radio(
            fr.t("var.pick"),
            options,
            key="eq_variant",
            horizontal=True,
            format_func=lambda v: fr.t(f"var.name.{v}"),
        )
        if variant == "pytorch":  # the manual check above is exactly this convention: nothing to recompute
            st.info(fr.t("var.pytorch_note", diff=f"{report.max_diff:.2e}", tol=tol))
        else:
            st.markdown(fr.t(f"var.why.{variant}"))
            if variant == "single_bias":
                st.caption(fr.t("var.fold_gru") if cfg.mode == "GRU" else fr.t("var.fold_sum", mode=cfg.mode))
            left, right = st.columns(2)
            left.markdown(f"*{fr.t('var.col_pytorch', mode=cfg.mode)}*")
            right.markdown(f"*{fr.t('var.col_variant')}*")
            for ours, theirs in zip(
                equations.equations(cfg), variants.variant_equations(cfg, variant), strict=True
            ):
                if ours != theirs:
                    left.latex(ours)
                    right.latex(theirs)
            if variant == "lstm_ifog":
                st.caption(fr.t("var.ifog_names"))
            vr = cache.variant_report(report.setting, variant)
            fr.device_notice(vr)
            far, verdict = variants.variant_verdict(vr, lang)
            (st.warning if far else st.info)(verdict)
            finals = ", ".join(f"{name} {diff:.2e}" for name, diff in vr.final_diffs.items())
            st.caption(fr.t("var.finals", finals=finals))
            fr.chart(
                diff_figure(vr.per_t_diff, vr.tolerance, lang, "var.diff_name"),
                "variant_diff",
                f"{variant}_vs_module",
            )
            source = variants.variant_source(cfg, variant)
            if source is None:
                st.caption(fr.t("var.same_steps"))
            else:
                st.caption(fr.t("var.source"))
                st.code(source, language="python")
    exports.follow_fragment()  # the downloads, outside this fragment, offer this variant's figure


fr = current()
st.title(fr.t("eq.title"))
st.markdown(fr.t("eq.purpose"))
values, bounds = fr.values, fr.bounds()
st.subheader(fr.t("eq.equations", mode=values["mode"]))
if fr.cfg is not None:
    for eq in equations.equations(fr.cfg):
        st.latex(eq)
    st.caption(fr.t("eq.conventions"))
    if fr.cfg.mode == "GRU":
        st.info(fr.t("eq.gru_note"))

st.subheader(fr.t("eq.pick"))
st.radio(fr.t("eq.dtype"), ("float32", "float64"), horizontal=True, **fr.bind("dtype"))  # what is computed
fr.guard()
cfg, lang = fr.cfg, fr.lang

with fr.safe():
    report = cache.trace_or_stop(fr, values["dtype"])
    step(fr, report, bounds)

    st.subheader(fr.t("eq.whole"))
    tol = f"{report.tolerance:.2g}"
    verdict = fr.t("hs.ok" if report.ok else "hs.bad", diff=f"{report.max_diff:.2e}", tol=tol)
    (st.success if report.ok else st.error)(verdict)
    fr.chart(diff_figure(report.per_t_diff, report.tolerance, lang), "diff", "manual_vs_module")
    st.markdown(fr.t("eq.tolerance", tol=tol, why=inside.tolerance_note(report, lang)))
    st.caption(fr.t("eq.device", device=report.device_label))
    st.table(text_table(inside.agreement_rows(report, fr.lang, finals=False)), hide_index=True)

    variant_section(fr, report)
    setting = report.setting  # on the device the trace ran on (the CPU, after a GPU failure)

    # The layer again, as a loop over a real nn.*Cell holding layer 0's weights.
    cell = f"{cfg.mode}Cell"
    st.subheader(fr.t("cell.title", cell=cell))
    st.markdown(fr.t("cell.purpose", cell=cell, mode=cfg.mode))
    cr = cache.cell_report(setting)
    fr.device_notice(cr)
    cell_verdict = fr.t(
        "cell.ok" if cr.ok else "cell.bad", diff=f"{cr.check.max_diff:.2e}", tol=f"{cr.tolerance:.2g}"
    )
    (st.success if cr.ok else st.error)(cell_verdict)
    st.table(text_table(cells.cell_rows(cr, lang)), hide_index=True)
    st.caption(" ".join(cells.cell_notes(cfg, fr.batch_size is not None, lang)))
    if cr.check.projected:
        st.info(fr.t("cell.proj"))
    fr.code_that_ran(
        fr.t("cell.source"), fr.t("cell.source_caption"), "cell_source", cells.cell_loop_source()
    )
    fr.code_that_ran(fr.t("eq.source"), fr.t("eq.source_caption"), "step_source", equations.step_source(cfg))
    fr.exports(report.trace, report.data.x, "h")
