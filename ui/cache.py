"""Shared caches: a class opening one link computes once. Clearing them only costs recomputation.

Results are cached, figures are not: st.cache_data pickles what it returns, and unpickling a
Plotly figure re-runs Plotly's validation (~30 ms a figure, measured), while building one from
a cached result without validation costs a few milliseconds.

Every lookup hashes its arguments. st.cache_data hashes a dataclass field by field (through
``dataclasses.asdict``, one hasher per leaf): 2.3 ms for an RNNConfig and 4.5 ms for a Setting
here, on every rerun, a hit or not, against a floor rerun of ~10 ms CPU. The configs are frozen
and hold only str, int, float, bool and None, so their ``repr`` names every field and value
(equal reprs, equal configs) and hashes in 0.15 ms: ``KEYS`` hashes them by it.
"""

from __future__ import annotations

import streamlit as st

import explainer as ex
from explainer import cells, gradients, inside, patterns, run, variants
from explainer.setting import Setting

KEYS = {ex.RNNConfig: repr, Setting: repr, gradients.Controls: repr}


@st.cache_data(max_entries=256, max_size="16MB", show_spinner=False, hash_funcs=KEYS)
def run_check(
    cfg: ex.RNNConfig, seq_len: int, batch: int | None, pass_hx: bool, seed: int, device: str
) -> ex.RunReport:
    return ex.run_check(cfg, seq_len, batch, pass_hx, seed, device)


@st.cache_data(max_entries=256, max_size="4MB", show_spinner=False, hash_funcs=KEYS)
def constructor_warnings(cfg: ex.RNNConfig) -> list[str]:
    return run.constructor_warnings(cfg)


# A trace may hold up to 4M numbers (the guard's bound): bound the bytes, not only the entries.
@st.cache_data(max_entries=64, max_size="128MB", show_spinner=False, hash_funcs=KEYS)
def trace_report(setting: Setting) -> inside.TraceReport:
    return inside.trace_report(setting)


# The equation page's extra checks return a few numbers per timestep: cheap to keep, and a
# variant costs one more manual pass over the whole sequence, worth computing once per setting.
@st.cache_data(max_entries=256, max_size="16MB", show_spinner=False, hash_funcs=KEYS)
def variant_report(setting: Setting, variant: str) -> variants.VariantReport:
    return variants.variant_report(setting, variant)


@st.cache_data(max_entries=256, max_size="16MB", show_spinner=False, hash_funcs=KEYS)
def cell_report(setting: Setting) -> cells.CellReport:
    return cells.cell_report(setting)


@st.cache_data(max_entries=64, max_size="32MB", show_spinner=False, hash_funcs=KEYS)
def packed_report(cfg: ex.RNNConfig, lengths: tuple[int, ...], enforce_sorted: bool, seed: int):
    from explainer.packed import packed_report

    return packed_report(cfg, list(lengths), enforce_sorted, seed)


def setting(fr, dtype: str = "float32") -> Setting:
    """What the page asks the core to compute: the frame's module, input and device, in ``dtype``.

    Raises:
        ConfigError: a field the Setting refuses (the frame has validated them already).
    """
    v = fr.values
    return Setting(
        fr.cfg,
        fr.seq_len,
        fr.batch_size,
        v["source"],
        seed=v["seed"],
        text=v["text"],
        dtype=dtype,
        device=str(fr.device),
    )


def report_or_stop(fr, compute, *args):
    """``compute(*args)``; a setting the guard refuses gets its message (and smaller settings that
    fit), then the page stops; a result the CPU computed after the GPU failed says so."""
    try:
        report = compute(*args)
    except ex.ConfigError as err:
        fr.refuse(err)
        st.stop()
    fr.device_notice(report)
    return report


def trace_or_stop(fr, dtype: str) -> inside.TraceReport:
    """The page's trace report; a setting too big to trace gets the guard's message, then stops."""
    return report_or_stop(fr, lambda: trace_report(setting(fr, dtype)))


# A class pasting one example checks it once; a diagnosis is small (the worker bounds it).
@st.cache_data(max_entries=256, max_size="16MB", show_spinner=False, hash_funcs=KEYS)
def diagnosis(source: str, lang: str):
    """The shape debugger's verdict, from a worker process with CPU and memory limits."""
    from explainer.debugger import isolate

    return isolate.diagnose(source, lang)


# The gradients page keeps per-timestep norms only: a few numbers per curve.
@st.cache_data(max_entries=256, max_size="16MB", show_spinner=False, hash_funcs=KEYS)
def gradient_report(setting: Setting, controls: gradients.Controls) -> gradients.GradientReport:
    return gradients.gradient_report(setting, controls)


def gradients_or_stop(fr) -> gradients.GradientReport:
    """The gradients page's report (float64); a setting too big gets the guard's message, then stops."""
    v = fr.values

    def compute() -> gradients.GradientReport:
        controls = gradients.Controls(v["hh_scale"], v["forget_bias"], v["max_norm"])
        return gradient_report(setting(fr, "float64"), controls)

    return report_or_stop(fr, compute)


# A pattern's tables are small; its words are in the page's language, so the language is in the key.
@st.cache_data(max_entries=256, max_size="16MB", show_spinner=False, hash_funcs=KEYS)
def pattern_report(
    pattern: str, cfg: ex.RNNConfig, seq_len: int, batch: int | None, classes: int, seed: int, lang: str
) -> patterns.PatternReport:
    return patterns.pattern_report(pattern, cfg, seq_len, batch, classes, seed, lang)


# The seed articles' checks (explainer/seeds.py): a real module at a few steps, computed once per setting.
@st.cache_data(max_entries=128, max_size="4MB", show_spinner=False, hash_funcs=KEYS)
def seed_views(cfg: ex.RNNConfig, seq_len: int, batch: int | None, seed: int):
    from explainer import seeds

    module = seeds.module64(cfg, seed)  # built once for both: up to 8M parameters
    return seeds.one_hot_report(cfg, seq_len, batch, seed, module), seeds.view_report(
        cfg, seq_len, batch, seed, module
    )


@st.cache_data(max_entries=64, max_size="4MB", show_spinner=False, hash_funcs=KEYS)
def embedding_report(cfg: ex.RNNConfig, lengths: tuple[int, ...], seed: int):
    from explainer import seeds

    return seeds.embedding_report(cfg, list(lengths), seed)


@st.cache_data(max_entries=128, max_size="4MB", show_spinner=False, hash_funcs=KEYS)
def char_rnn_report(text: str, seed: int):
    from explainer import seeds

    return seeds.char_rnn_report(text, seed=seed)  # 30-60 ms for 64 characters: once per text and seed
