"""Shared caches: a class opening one link computes once. Clearing them only costs recomputation."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

import explainer as ex


@st.cache_data(max_entries=256, show_spinner=False)
def run_check(
    cfg: ex.RNNConfig, seq_len: int, batch: int | None, pass_hx: bool, seed: int, device: str
) -> ex.RunReport:
    return ex.run_check(cfg, seq_len, batch, pass_hx, seed, device)


@st.cache_data(max_entries=256, show_spinner=False)
def grid_figure(cfg: ex.RNNConfig, seq_len: int, batched: bool, lang: str) -> go.Figure:
    return ex.grid_figure(cfg, seq_len, batched, lang)


@st.cache_data(max_entries=256, show_spinner=False)
def constructor_warnings(cfg: ex.RNNConfig) -> list[str]:
    return ex.constructor_warnings(cfg)


@st.cache_data(max_entries=64, show_spinner=False)
def trace_report(
    cfg: ex.RNNConfig,
    source: str,
    seq_len: int,
    batch: int | None,
    seed: int,
    text: str,
    dtype: str,
    device: str,
) -> ex.TraceReport:
    return ex.trace_report(cfg, source, seq_len, batch, seed, text, dtype, device)


@st.cache_data(max_entries=64, show_spinner=False)
def packed_report(cfg: ex.RNNConfig, lengths: tuple[int, ...], enforce_sorted: bool, seed: int):
    from explainer.packed import packed_report

    return packed_report(cfg, list(lengths), enforce_sorted, seed)


def trace_or_stop(fr, dtype: str) -> ex.TraceReport:
    """The page's trace report; a setting too big to trace gets the guard's message, then stops."""
    v = fr.values
    try:
        report = trace_report(
            fr.cfg, v["source"], fr.seq_len, fr.batch_size, v["seed"], v["text"], dtype, str(fr.device)
        )
    except ex.ConfigError as err:
        fr.refuse(err)
        st.stop()
    fr.device_notice(report)
    return report
