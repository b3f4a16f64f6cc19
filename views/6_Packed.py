"""Packed sequences: the padded batch, what packing keeps, and why h_n is the right summary."""

import pandas as pd
import streamlit as st

from explainer import packed, seeds, shapes
from explainer.export import Download
from explainer.figures import packed_data_figure
from ui import cache
from ui.frame import current

fr = current()
st.title(fr.t("pk.title"))
st.markdown(fr.t("pk.purpose"))
c1, c2 = st.columns([2, 3])
c1.text_input(fr.t("pk.lengths"), max_chars=120, **fr.bind("lengths"))
c2.checkbox(fr.t("pk.enforce_sorted"), **fr.bind("enforce_sorted"))
fr.guard()
cfg, lang, values = fr.cfg, fr.lang, fr.values

with fr.safe():
    lengths = packed.parse_lengths(values["lengths"])
    enforce_sorted, seed = values["enforce_sorted"], values["seed"]
    report = cache.packed_report(cfg, tuple(lengths), enforce_sorted, seed)
    if report.torch_error:
        st.error(fr.t("pk.refused", error=report.torch_error))
        st.stop()
    st.caption(fr.t("pk.padded", shape=report.padded_shape))
    fr.chart(packed.packed_figure(report, lang), "packed", "packed_batch")
    st.subheader(fr.t("pk.fields"))
    lines = [
        fr.t("pk.data", shape=report.data_shape, n=sum(lengths)),
        fr.t("pk.batch_sizes", sizes=report.batch_sizes),
        fr.t("pk.sorted", s=report.sorted_indices, u=report.unsorted_indices)
        if report.sorted_indices
        else fr.t("pk.no_sort"),
    ]
    st.markdown("\n".join(f"- {line}" for line in lines))
    fr.chart(packed_data_figure(report, lang), "packed_data", "packed_data")
    st.caption(fr.t("pk.data_caption", sizes=report.batch_sizes))
    st.subheader(fr.t("pk.proof", last=shapes.last_step(cfg)))
    columns = packed.proof_columns(cfg, lang)
    rows = []
    for c in report.checks:
        distances = [c.h_n_vs_last_valid, c.h_n_vs_padded_last, c.reverse_vs_first, c.reverse_vs_padded_last]
        row = {fr.t("pk.col.seq"): str(c.index), fr.t("pk.col.length"): str(c.length)}
        rows.append(row | {name: f"{d:.2e}" for name, d in zip(columns, distances, strict=False)})
    st.table(pd.DataFrame(rows), hide_index=True)
    st.caption(packed.proof_note(cfg, report, lang))
    if box := fr.opened(fr.t("seed.emb.title"), "pk_embedding"):
        emb = cache.embedding_report(cfg, tuple(lengths), seed)
        box.markdown("\n".join(f"- {line}" for line in seeds.embedding_lines(cfg, emb, lang)))
    fr.exports(
        script=Download(
            fr.t("exp.packed_script"),
            packed.packed_snippet(cfg, lengths, enforce_sorted, seed),
            "packed_sequences.py",
            "text/x-python",
        ),
        files=[
            Download(
                fr.t("exp.packed_npz"),
                lambda: packed.packed_npz(report),
                "packed.npz",
                "application/octet-stream",
            ),
            Download(fr.t("exp.packed_rows"), packed.rows_csv(report), "packed_rows.csv", "text/csv"),
            Download(
                fr.t("exp.packed_sequences"), packed.sequences_csv(report), "packed_sequences.csv", "text/csv"
            ),
        ],
    )
