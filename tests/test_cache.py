"""The shared caches are bounded (entries and bytes), and a cleared cache only costs recomputation."""

import pytest
import streamlit as st

import explainer as ex
from explainer import run as run_mod
from explainer.setting import Setting
from ui import cache

CACHED = [
    cache.run_check,
    cache.constructor_warnings,
    cache.trace_report,
    cache.packed_report,
    cache.variant_report,
    cache.cell_report,
    cache.diagnosis,
    cache.gradient_report,
    cache.step_detail,
]


@pytest.mark.parametrize("fn", CACHED, ids=lambda f: f._info.func.__name__)
def test_every_cache_is_bounded_in_entries_and_bytes(fn):
    info = fn._info
    assert info.max_entries is not None and info.max_entries <= 256
    assert info.max_size_bytes is not None and info.max_size_bytes <= 128 * 2**20
    assert info.scope == "global"  # a class on one link computes once


def test_all_caches_together_stay_under_a_quarter_gigabyte_per_process():
    assert sum(fn._info.max_size_bytes for fn in CACHED) <= 256 * 2**20


def test_the_oldest_entry_is_evicted_past_the_bound(monkeypatch):
    calls = []

    def counting(cfg):
        calls.append(cfg)
        return [cfg.hidden_size]

    monkeypatch.setattr(run_mod, "constructor_warnings", counting)
    cache.constructor_warnings.clear()
    bound = cache.constructor_warnings._info.max_entries
    configs = [ex.RNNConfig("GRU", 2, h) for h in range(1, bound + 2)]
    for cfg in configs:
        assert cache.constructor_warnings(cfg) == [cfg.hidden_size]
    assert len(calls) == bound + 1
    cache.constructor_warnings(configs[-1])  # still cached
    assert len(calls) == bound + 1
    cache.constructor_warnings(configs[0])  # evicted: computed again
    assert len(calls) == bound + 2


def test_a_cleared_cache_only_costs_recomputation():
    cfg = ex.RNNConfig("LSTM", 3, 4, 2)
    first = cache.trace_report(
        Setting(cfg, 5, 2, "random", seed=0, text="hello", dtype="float32", device="cpu")
    )
    st.cache_data.clear()  # any client can do this
    again = cache.trace_report(
        Setting(cfg, 5, 2, "random", seed=0, text="hello", dtype="float32", device="cpu")
    )
    assert again is not first and again.max_diff == first.max_diff and again.ok


def test_configs_are_keyed_by_every_field(monkeypatch):
    """The caches hash a config by its repr (ui/cache.KEYS): configs differing in any one field
    get their own entries; an equal config built again is a hit."""
    calls = []
    monkeypatch.setattr(run_mod, "constructor_warnings", lambda cfg: calls.append(cfg) or [])
    cache.constructor_warnings.clear()
    base = ex.RNNConfig("LSTM", 3, 4, 2)
    variants = [
        base,
        ex.RNNConfig("LSTM", 3, 4, 2, bidirectional=True),
        ex.RNNConfig("LSTM", 3, 4, 2, batch_first=True),
        ex.RNNConfig("LSTM", 3, 4, 2, bias=False),
        ex.RNNConfig("LSTM", 3, 4, 2, dropout=0.5),
        ex.RNNConfig("LSTM", 3, 4, 2, proj_size=2),
        ex.RNNConfig("GRU", 3, 4, 2),
        ex.RNNConfig("LSTM", 4, 3, 2),
    ]
    for cfg in variants:
        cache.constructor_warnings(cfg)
    assert calls == variants
    cache.constructor_warnings(ex.RNNConfig("LSTM", 3, 4, 2))
    assert len(calls) == len(variants)
    assert all(t in cache.KEYS for t in (ex.RNNConfig, Setting))


def test_values_are_stored_with_tensors_as_numpy_and_come_back_equal():
    """A hit unpickles its value: tensors go as numpy arrays (microseconds, not torch's ~0.5 ms
    each) and come back as equal, writable tensors; a dtype numpy lacks pickles as torch's."""
    import pickle

    import torch

    value = {
        "f32": torch.randn(3, 4),
        "f64": torch.randn(2, dtype=torch.float64),
        "view": torch.arange(12.0).reshape(3, 4)[:, 1],  # a strided view
        "bf16": torch.ones(2, dtype=torch.bfloat16),
        "n": 3,
    }
    back = pickle.loads(pickle.dumps(cache.Packed(value), pickle.HIGHEST_PROTOCOL)).value
    for name in ("f32", "f64", "view", "bf16"):
        assert back[name].dtype == value[name].dtype and torch.equal(back[name], value[name])
    assert back["n"] == 3
    back["f32"].add_(1)  # its own memory, writable
    assert not torch.equal(back["f32"], value["f32"])
    setting = Setting(ex.RNNConfig("GRU", 3, 4), 5, 2, device="cpu")
    first, again = cache.trace_report(setting), cache.trace_report(setting)  # a miss, then a hit
    assert torch.equal(first.trace.h, again.trace.h) and again.max_diff == first.max_diff
