"""Task patterns: many-to-one, many-to-many, encoder–decoder, and why not bidirectional for the next step."""

import pandas as pd
import streamlit as st

from explainer import patterns
from explainer.export import Download
from ui import cache
from ui.frame import current

fr = current()
st.title(fr.t("pat.title"))
st.markdown(fr.t("pat.purpose"))
c1, c2 = st.columns([4, 1])
c1.radio(
    fr.t("pat.pattern"),
    patterns.PATTERNS,
    format_func=lambda p: fr.t(f"pat.name.{p}"),
    horizontal=True,
    **fr.bind("pattern"),
)
# Not bounded here: patterns.check_classes says what is allowed, in the page's language.
classes = c2.number_input(
    fr.t("pat.classes"),
    step=1,
    help=fr.t("pat.classes_help", lo=patterns.CLASSES[0], hi=patterns.CLASSES[1]),
    **fr.bind("pat_classes", patterns.DEFAULT_CLASSES),
)
fr.guard()
cfg, lang, pattern, seed = fr.cfg, fr.lang, fr.values["pattern"], fr.values["seed"]

if fr.device.type != "cpu":  # explainer.patterns builds its modules on the CPU
    st.caption(fr.t("pat.cpu_only"))

with fr.safe():
    report = cache.pattern_report(pattern, cfg, fr.seq_len, fr.batch_size, classes, seed, lang)
    for note in report.notes:
        st.info(note)
    st.subheader(fr.t("pat.tensors"))
    columns = {"name": "col.name", "code": "col.code", "shape": "col.shape", "symbolic": "col.symbolic"}
    rows = [
        {fr.t(key): str(getattr(r, c)) for c, key in columns.items()} | {fr.t("col.why"): r.why}
        for r in report.rows
    ]
    st.table(pd.DataFrame(rows), hide_index=True)

    st.subheader(fr.t("pat.head"))
    st.code(report.head, language="python")
    st.markdown(report.head_why)
    if report.checks:
        lines = [fr.t("pat.checks")]
        lines += [f"- {fr.t('pat.check_row', claim=c, diff=f'{d:.3g}')}" for c, d in report.checks]
        st.markdown("\n".join(lines))

    st.subheader(fr.t("pat.loss"))
    st.code(report.loss_code, language="python")
    st.markdown(report.loss_why)
    st.caption(fr.t("pat.loss_value", value=f"{report.loss_value:.4f}"))

    if report.leak:
        st.subheader(fr.t("pat.leak"))
        lines = [fr.t("pat.leak_intro")]
        for half, diff in report.leak.items():
            sees = patterns.reads_the_future(cfg, half)  # by how the layer is wired, not by the numbers
            verdict = "pat.leak_yes" if diff > 0 else ("pat.leak_inactive" if sees else "pat.leak_no")
            row = fr.t(
                "pat.leak_row", direction=fr.t(f"pat.{half}"), diff=f"{diff:.3g}", verdict=fr.t(verdict)
            )
            lines.append(f"- {row}")
        st.markdown("\n".join(lines))
        if cfg.bidirectional:  # the reverse direction has read x_1 whatever this draw's numbers show
            st.warning(fr.t("pat.leak_bidir"))
            if report.leak["forward"] > 0:
                st.markdown(fr.t("pat.leak_layers"))
        else:
            st.success(fr.t("pat.leak_uni"))

    if report.mistake_code:
        st.subheader(fr.t("pat.mistake"))
        st.code(report.mistake_code, language="python")
        st.markdown(report.mistake_why)
        if report.mistake_error:
            st.error(fr.t("pat.torch_says"))
            st.code(report.mistake_error, language=None, wrap_lines=True)
        else:
            st.warning(fr.t("pat.torch_accepts"))

    st.subheader(fr.t("pat.snippet"))
    st.caption(fr.t("pat.snippet_caption"))
    source = patterns.snippet(report)
    st.code(source, language="python")
    fr.exports(script=Download(fr.t("exp.patterns_script"), source, f"pattern_{pattern}.py", "text/x-python"))
