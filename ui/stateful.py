"""The training page's stateful section: the sine LSTM read chunk by chunk, its state treated four ways.

Streamlit-only: the runs, the graph counts and torch's messages come from explainer.train.
"""

from __future__ import annotations

import time

import streamlit as st

from explainer import train
from explainer.export import Download
from explainer.figures import stateful_figure
from ui.frame import Frame


def _start(k: int, seed: int) -> None:
    st.session_state["stateful_runs"] = {way: train.stateful_start(way, k, seed) for way in train.WAYS}


def _stop() -> None:
    for run in st.session_state.get("stateful_runs", {}).values():
        run.stopped = True


def section(fr: Frame, k: int, seed: int) -> None:
    """Train the four ways in short slices (other sessions get the interpreter between them), then explain."""
    ss = st.session_state
    st.caption(fr.t("st.model", hidden=train.HIDDEN, N=train.STREAMS, k=k, epoch=train.EPOCH_CHUNKS))
    st.markdown("\n".join(f"- {fr.t(f'st.about.{way}', k=k)}" for way in train.WAYS))
    b1, b2, _ = st.columns([1, 1, 4])
    b1.button(fr.t("tr.start"), on_click=_start, args=(k, seed), type="primary", key="stateful_start")
    b2.button(fr.t("tr.stop"), on_click=_stop, key="stateful_stop")
    runs = ss.get("stateful_runs")
    if runs is not None and any((run.k, run.seed) != (k, seed) for run in runs.values()):
        runs = None  # k or the seed changed since that run
    if runs is None:
        st.info(fr.t("st.idle"))
        _last_batch(fr)
        return
    bar, curve = st.empty(), st.empty()
    for way, run in runs.items():  # one way after another, each in small slices
        while not run.done:
            train.stateful_chunk(run, seconds=0.15)
            done = sum(r.step for r in runs.values())
            total = sum(r.steps for r in runs.values())
            bar.progress(
                min(done / total, 1.0), text=fr.t("st.progress", way=fr.t(f"st.way.{way}"), step=run.step)
            )
            time.sleep(0.02)  # let other sessions' reruns in
    bar.empty()
    trained = {w: runs[w] for w in ("reset", "detach", "carry")}
    fr.chart(stateful_figure(trained, "losses", fr.lang), "stateful_loss", "stateful_loss", container=curve)
    reset, detach, carry, retain = (runs[w] for w in train.WAYS)
    if reset.losses and detach.losses:
        r, d = train.stateful_eval(reset), train.stateful_eval(detach)
        mean = {"reset": f"{sum(r) / len(r):.2e}", "detach": f"{sum(d) / len(d):.2e}"}
        first = {"r_first": f"{r[0]:.2e}", "d_first": f"{d[0]:.2e}", "r_last": f"{r[-1]:.2e}"}
        st.markdown(fr.t("st.compare", **mean, **first, d_last=f"{d[-1]:.2e}", k=k))
    st.subheader(fr.t("st.carry"))
    if carry.error:
        st.error(fr.t("st.torch_raised", step=carry.step + 1))
        st.code(f"RuntimeError: {carry.error}", language=None, wrap_lines=True)
    st.markdown(fr.t("st.carry_why"))
    st.subheader(fr.t("st.retain"))
    st.markdown(fr.t("st.retain_intro"))
    fr.chart(stateful_figure(runs, "seconds", fr.lang), "stateful_time", "stateful_time_per_step")
    fr.chart(stateful_figure(runs, "saved", fr.lang), "stateful_graph", "stateful_graph")
    if retain.step and detach.step:
        st.markdown(
            fr.t(
                "st.retain_result",
                step=retain.step,
                span=retain.span[-1],
                nodes=retain.nodes[-1],
                kb=f"{retain.saved[-1] / 1e3:,.0f}",
                d_span=detach.span[-1],
                d_nodes=detach.nodes[-1],
                d_kb=f"{detach.saved[-1] / 1e3:,.0f}",
            )
        )
    error = train.retain_update_error(seed)
    if error:
        st.warning(fr.t("st.retain_update"))
        st.code(f"RuntimeError: {error}", language=None, wrap_lines=True)
    st.subheader(fr.t("st.when_reset"))
    st.markdown(fr.t("st.when_reset_text"))
    _last_batch(fr)
    fr.exports(
        files=[Download(fr.t("exp.stateful_csv"), train.stateful_csv(runs), "stateful.csv", "text/csv")]
    )


def _last_batch(fr: Frame) -> None:
    """The last, smaller batch: torch's error for a state of the wrong batch size, and the fix."""
    last = train.STREAMS - 4
    error, full_shape, fixed_shape = train.last_batch_error(train.STREAMS, last)
    st.subheader(fr.t("st.last_batch"))
    st.markdown(fr.t("st.last_batch_text", N=train.STREAMS, last=last))
    if error:
        st.error(fr.t("st.torch_says"))
        st.code(f"RuntimeError: {error}", language=None, wrap_lines=True)
    st.markdown(fr.t("st.last_batch_fix", full=tuple(full_shape), fixed=tuple(fixed_shape), last=last))
