"""Shared caches: a class opening one link computes once. Clearing them only costs recomputation.

Results are cached, figures are not: st.cache_data pickles what it returns, and unpickling a
Plotly figure re-runs Plotly's validation (~30 ms a figure, measured), while building one from
a cached result without validation costs a few milliseconds.

Every lookup hashes its arguments. st.cache_data hashes a dataclass field by field (through
``dataclasses.asdict``, one hasher per leaf): 2.3 ms for an RNNConfig and 4.5 ms for a Setting
here, on every rerun, a hit or not, against a floor rerun of ~10 ms CPU. The configs are frozen
and hold only str, int, float, bool and None, so their ``repr`` names every field and value
(equal reprs, equal configs) and hashes in 0.15 ms: ``KEYS`` hashes them by it.

Every hit unpickles its value, and torch rebuilds each pickled tensor in ~0.5 ms: the default
trace report (14 small tensors) took 7 ms to load and 5.6 ms to store, on every rerun that
shows it. ``cached`` stores a value with its CPU tensors as numpy arrays (``Packed``), which
load in microseconds and come back as tensors over the same memory (``torch.from_numpy``).
"""

from __future__ import annotations

import copyreg
import functools
import io
import pickle
from collections.abc import Callable
from typing import Any

import streamlit as st
import torch

import explainer as ex
from explainer import cells, gradients, inside, patterns, run, variants
from explainer.setting import Setting

KEYS = {ex.RNNConfig: repr, Setting: repr, gradients.Controls: repr}
# numpy has these; a tensor of another dtype (bfloat16), on a GPU or with autograd pickles as torch's
NUMPY_DTYPES = frozenset((torch.float16, torch.float32, torch.float64, torch.int32, torch.int64, torch.bool))


def _reduce_tensor(t: torch.Tensor) -> tuple:
    if t.device.type != "cpu" or t.requires_grad or t.dtype not in NUMPY_DTYPES or t.layout != torch.strided:
        return t.__reduce_ex__(pickle.HIGHEST_PROTOCOL)
    return torch.from_numpy, (t.resolve_conj().resolve_neg().numpy(),)


class Packed:
    """A cached value that pickles its CPU tensors as numpy arrays (see the module's docstring)."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def __reduce__(self) -> tuple:
        buf = io.BytesIO()
        pickler = pickle.Pickler(buf, pickle.HIGHEST_PROTOCOL)
        pickler.dispatch_table = {**copyreg.dispatch_table, torch.Tensor: _reduce_tensor}
        pickler.dump(self.value)
        return _unpack, (buf.getvalue(),)


def _unpack(data: bytes) -> Packed:
    return Packed(pickle.loads(data))


class Cached:
    """A function under st.cache_data that stores its values ``Packed``; a call returns the value."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self._info = inner._info

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._inner(*args, **kwargs).value

    def clear(self, *args: Any, **kwargs: Any) -> None:
        self._inner.clear(*args, **kwargs)


def cached(max_entries: int, max_size: str) -> Callable[[Callable[..., Any]], Cached]:
    """st.cache_data bounded in entries and bytes, keyed with ``KEYS``, storing values ``Packed``."""

    def decorate(fn: Callable[..., Any]) -> Cached:
        @functools.wraps(fn)
        def packed(*args: Any, **kwargs: Any) -> Packed:
            return Packed(fn(*args, **kwargs))

        return Cached(
            st.cache_data(max_entries=max_entries, max_size=max_size, show_spinner=False, hash_funcs=KEYS)(
                packed
            )
        )

    return decorate


@cached(max_entries=256, max_size="16MB")
def run_check(
    cfg: ex.RNNConfig, seq_len: int, batch: int | None, pass_hx: bool, seed: int, device: str
) -> ex.RunReport:
    return ex.run_check(cfg, seq_len, batch, pass_hx, seed, device)


@cached(max_entries=256, max_size="4MB")
def constructor_warnings(cfg: ex.RNNConfig) -> list[str]:
    return run.constructor_warnings(cfg)


# A trace may hold up to 4M numbers (the guard's bound): bound the bytes, not only the entries.
@cached(max_entries=64, max_size="128MB")
def trace_report(setting: Setting) -> inside.TraceReport:
    return inside.trace_report(setting)


# The equation page's extra checks return a few numbers per timestep: cheap to keep, and a
# variant costs one more manual pass over the whole sequence, worth computing once per setting.
@cached(max_entries=256, max_size="16MB")
def variant_report(setting: Setting, variant: str) -> variants.VariantReport:
    return variants.variant_report(setting, variant)


# One step by hand rebuilds the module's weights (a few ms): computed once per trace and step, so a
# step picked again, or a rerun that keeps the step, reads it. ``_report`` is not hashed: the trace
# is named by its ``setting`` (report.setting: the device it ran on, after a GPU failure too).
@cached(max_entries=256, max_size="8MB")
def step_detail(_report: inside.TraceReport, setting: Setting, layer: int, direction: int, t: int, item: int):
    from explainer import equations

    return equations.step_detail(_report, layer, direction, t, item)


@cached(max_entries=256, max_size="16MB")
def cell_report(setting: Setting) -> cells.CellReport:
    return cells.cell_report(setting)


@cached(max_entries=64, max_size="32MB")
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
@cached(max_entries=256, max_size="16MB")
def diagnosis(source: str, lang: str):
    """The shape debugger's verdict, from a worker process with CPU and memory limits."""
    from explainer.debugger import isolate

    return isolate.diagnose(source, lang)


# The gradients page keeps per-timestep norms only: a few numbers per curve.
@cached(max_entries=256, max_size="16MB")
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
@cached(max_entries=256, max_size="16MB")
def pattern_report(
    pattern: str, cfg: ex.RNNConfig, seq_len: int, batch: int | None, classes: int, seed: int, lang: str
) -> patterns.PatternReport:
    return patterns.pattern_report(pattern, cfg, seq_len, batch, classes, seed, lang)


# The seed articles' checks (explainer/seeds.py): a real module at a few steps, computed once per setting.
@cached(max_entries=128, max_size="4MB")
def seed_views(cfg: ex.RNNConfig, seq_len: int, batch: int | None, seed: int):
    from explainer import seeds

    module = seeds.module64(cfg, seed)  # built once for both: up to 8M parameters
    return seeds.one_hot_report(cfg, seq_len, batch, seed, module), seeds.view_report(
        cfg, seq_len, batch, seed, module
    )


@cached(max_entries=64, max_size="4MB")
def embedding_report(cfg: ex.RNNConfig, lengths: tuple[int, ...], seed: int):
    from explainer import seeds

    return seeds.embedding_report(cfg, list(lengths), seed)


@cached(max_entries=128, max_size="4MB")
def char_rnn_report(text: str, seed: int):
    from explainer import seeds

    return seeds.char_rnn_report(text, seed=seed)  # 30-60 ms for 64 characters: once per text and seed
