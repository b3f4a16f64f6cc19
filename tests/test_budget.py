"""Compute guards: the estimate grows with every size, refusals name it and a setting that fits,
accepted settings really run, and a failing GPU falls back to the CPU with a notice."""

import dataclasses

import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

import explainer as ex
from explainer import budget, config, i18n, inside
from explainer import run as run_mod
from explainer.packed import packed_report
from explainer.setting import Setting

KINDS = ("forward", "trace", "packed", "gradients", "patterns")
SIZES = ("input_size", "hidden_size", "num_layers")


@st.composite
def settings(draw):
    mode = draw(st.sampled_from(config.MODES))
    hidden = draw(st.integers(2, 300))
    cfg = ex.RNNConfig(
        mode,
        draw(st.integers(1, 300)),
        hidden,
        draw(st.integers(1, 4)),
        bidirectional=draw(st.booleans()),
        bias=draw(st.booleans()),
        proj_size=draw(st.integers(0, hidden - 1)) if mode == "LSTM" and draw(st.booleans()) else 0,
    )
    return cfg, draw(st.integers(1, 400)), draw(st.one_of(st.none(), st.integers(1, 64)))


def bigger(cfg, seq_len, batch):
    """Each size grown by one, alone (where the grown module is still within the app's limits)."""
    yield cfg, seq_len + 1, batch
    yield cfg, seq_len, (batch or 1) + 1
    grown = [{name: getattr(cfg, name) + 1} for name in SIZES]
    grown += [] if cfg.bidirectional else [{"bidirectional": True}]
    for change in grown:
        try:
            yield dataclasses.replace(cfg, **change), seq_len, batch
        except ex.ConfigError:  # e.g. over the parameter limit: no such setting to compare with
            continue


@given(setting=settings(), kind=st.sampled_from(KINDS), device=st.sampled_from(["cpu", "cuda"]))
def test_estimate_is_monotone_in_every_size(setting, kind, device):
    cost = budget.estimate(kind, *setting, device_type=device)
    for grown in bigger(*setting):
        more = budget.estimate(kind, *grown, device_type=device)
        assert more.flops >= cost.flops and more.bytes >= cost.bytes and more.seconds > cost.seconds
        assert more.values >= cost.values


@given(setting=settings(), kind=st.sampled_from(KINDS))
def test_refusal_names_the_estimate_and_settings_that_fit(setting, kind):
    cfg, seq_len, batch = setting
    try:
        budget.check(kind, cfg, seq_len, batch)
    except budget.BudgetError as err:
        for lang in i18n.LANGS:
            text = err.localized(lang)
            assert f"{err.cost.flops / 1e9:.2f} GFLOP" in text and f"{err.cost.seconds:.1f}" in text
            assert f"{err.budget.seconds:.1f}" in text
        assert err.options, "a refusal always offers a smaller setting"
        for option in err.options:
            sizes = {"seq_len": seq_len, "batch_size": batch} | option
            smaller = dataclasses.replace(
                cfg, **{k: v for k, v in option.items() if k not in ("seq_len", "batch_size")}
            )  # a valid config: the option lowers proj_size too where hidden_size needs it
            budget.check(kind, smaller, sizes["seq_len"], sizes["batch_size"])  # it fits
            for name, value in option.items():
                assert value < {"seq_len": seq_len, "batch_size": batch}.get(
                    name, getattr(cfg, name, None) or 0
                )


def test_the_issues_examples_are_refused_quickly_with_advice():
    large = ex.RNNConfig("LSTM", 10, 256, 3, bidirectional=True)  # bench's large setting
    with pytest.raises(budget.BudgetError) as err:
        ex.trace_report(Setting(large, 200, 32, "random", device="cpu"))
    assert "seq_len" in err.value.localized("zh") or "hidden_size" in err.value.localized("zh")
    gru = ex.RNNConfig("GRU", 10, 512, 2, bidirectional=True)  # ~14 s on this 2-core CPU
    with pytest.raises(budget.BudgetError):
        packed_report(gru, [48] * 12, False)
    assert budget.estimate("forward", gru, 512, 64).seconds > 5  # the estimate agrees it is slow
    report = ex.run_check(gru, 512, 64, device="cpu")  # the shapes page checks it on meta instead
    assert report.on_meta and report.ok


def test_the_largest_accepted_settings_really_run():
    cases = budget.largest_accepted("trace")
    assert len(cases) >= 12
    cfg, seq_len, batch = min(cases, key=lambda c: budget.estimate("trace", *c).flops)
    report = ex.trace_report(Setting(cfg, seq_len, batch, "random", device="cpu"))
    assert report.ok
    bigger = (seq_len + 1, batch) if seq_len < 512 else (512, batch + 1)
    with pytest.raises(budget.BudgetError):
        inside.check_traceable(Setting(cfg, *bigger, device="cpu"))


def test_a_gpu_gets_a_larger_budget():
    cfg = ex.RNNConfig("LSTM", 10, 1024, 1)
    cpu, cuda = (budget.estimate("trace", cfg, 200, 32, device_type=d) for d in ("cpu", "cuda"))
    assert cuda.seconds < cpu.seconds and cuda.flops == cpu.flops
    assert budget.budget_for("trace", "cuda").bytes > budget.budget_for("trace", "cpu").bytes


# --- CUDA failure: fall back to the CPU, with a notice ----------------------------------


@pytest.fixture
def pretend_cuda(monkeypatch):
    """Claim a GPU is present. On a CPU build, putting anything on it fails as a missing device does."""
    if torch.cuda.is_available():
        pytest.skip("a real GPU is present: the simulated failure would not be a failure")
    monkeypatch.setattr(run_mod, "cuda_available", lambda: True)


def test_no_usable_gpu_falls_back_to_cpu_with_a_notice(pretend_cuda):
    cfg = ex.RNNConfig("GRU", 3, 4, 2)
    report = ex.run_check(cfg, 5, 2, device="cuda")
    assert report.device == "cpu" and report.ok and report.fallback
    assert "CUDA" in report.fallback or "cuda" in report.fallback
    trace = ex.trace_report(Setting(cfg, 5, 2, "random", device="auto"))
    assert trace.device == "cpu" and trace.ok and trace.fallback


def test_out_of_memory_falls_back_and_other_errors_do_not(pretend_cuda, monkeypatch):
    cfg = ex.RNNConfig("LSTM", 3, 4, 1)
    real_build = run_mod.build_module
    calls = []

    def oom_on_gpu(cfg, seed=0, device=None):
        calls.append(str(device))
        if torch.device(device).type == "cuda":
            raise torch.cuda.OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB")
        return real_build(cfg, seed, device)

    monkeypatch.setattr(run_mod, "build_module", oom_on_gpu)
    report = ex.run_check(cfg, 5, 2, device="cuda")
    assert calls == ["cuda", "cpu"] and report.ok and "out of memory" in report.fallback

    def broken(cfg, seed=0, device=None):
        raise ValueError("a bug, not the GPU")

    monkeypatch.setattr(run_mod, "build_module", broken)
    with pytest.raises(ValueError, match="a bug"):
        ex.run_check(cfg, 5, 2, device="cuda")


def test_device_failures_are_told_apart():
    assert run_mod.is_device_failure(torch.cuda.OutOfMemoryError("CUDA out of memory"))
    assert run_mod.is_device_failure(RuntimeError("CUDA error: an illegal memory access"))
    assert run_mod.is_device_failure(AssertionError("Torch not compiled with CUDA enabled"))
    assert not run_mod.is_device_failure(RuntimeError("Expected hidden[0] size (2, 5, 20), got [2, 3, 20]"))
