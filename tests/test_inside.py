"""Inputs, trace reports and the substituted step, against the real module."""

import types

import pytest
import torch
from helpers import configs
from hypothesis import given
from hypothesis import strategies as st

import explainer as ex
from explainer import equations, i18n, inputs
from explainer import inside as inside_mod
from explainer.inputs import check_text
from explainer.setting import Setting
from explainer.verify import (
    cuda_precision_setting,
    cuda_rnn_precision,
    fan_in_factor,
    rounding_corners,
    tolerance,
)


@pytest.mark.parametrize("source", inputs.SOURCES)
@pytest.mark.parametrize("batch", [None, 3])
@pytest.mark.parametrize("batch_first", [False, True])
def test_inputs_have_the_predicted_shape(source, batch, batch_first):
    cfg = ex.RNNConfig("LSTM", 4, 5, batch_first=batch_first)
    data = inputs.make_input(Setting(cfg, 6, batch, source, seed=2, text="hello world"))
    expect_n = None if batch is None else (1 if source == "text" else 3)
    expect_l = 11 if source == "text" else 6
    assert (data.seq_len, data.batch_size) == (expect_l, expect_n)
    assert tuple(data.x.shape) == ex.shape_table(cfg, expect_l, expect_n)["input"]
    assert len(data.time_labels) == expect_l
    again = inputs.make_input(Setting(cfg, 6, batch, source, seed=2, text="hello world"))
    assert torch.equal(data.x, again.x)  # same seed, same numbers


def test_text_input_is_an_embedding_lookup():
    cfg = ex.RNNConfig("GRU", 3, 4)
    data = inputs.make_input(Setting(cfg, 1, 1, "text", text="abca"))
    x = data.x[:, 0]  # (L, H_in)
    assert torch.equal(x[0], x[3]) and not torch.equal(x[0], x[1])
    assert data.time_labels == ["a", "b", "c", "a"]


@pytest.mark.parametrize("bad", ["", "x" * 65, "tab\there", 5])
def test_bad_text_is_refused_with_the_rule(bad):
    with pytest.raises(ex.ConfigError) as err:
        check_text(bad)
    assert err.value.field == "text"
    assert err.value.localized("zh") and err.value.localized("en")


@given(
    cfg=configs(max_hidden=6),
    seq_len=st.integers(1, 6),
    batch=st.one_of(st.none(), st.integers(1, 3)),
    source=st.sampled_from(inputs.SOURCES),
    dtype=st.sampled_from(["float32", "float64"]),
)
def test_trace_report_agrees_within_tolerance(cfg, seq_len, batch, source, dtype):
    report = ex.trace_report(
        Setting(cfg, seq_len, batch, source, seed=0, text="hi there", dtype=dtype, device="cpu")
    )
    assert report.ok, (report.max_diff, report.tolerance)
    states = [report.trace.h, *report.module_states] + ([report.trace.c] if cfg.mode == "LSTM" else [])
    largest = max([1.0] + [s.abs().max().item() for s in states])
    widest = max(cfg.input_size, cfg.D * cfg.H_out if cfg.num_layers > 1 else 0)
    assert report.scale == pytest.approx(largest)
    assert report.fan_in == pytest.approx(max(1.0, (widest / cfg.hidden_size) ** 0.5))
    base = {"float32": 1e-5, "float64": 1e-10}[dtype]
    assert report.tolerance == pytest.approx(base * report.scale * report.fan_in)
    assert report.per_t_diff.shape == (report.data.seq_len,)
    assert len(report.agreements) == cfg.num_layers * cfg.D
    assert set(report.final_diffs) == ({"h_n", "c_n"} if cfg.mode == "LSTM" else {"h_n"})
    rows = inside_mod.agreement_rows(report, "zh")
    assert len(rows) == len(report.agreements) + len(report.final_diffs)


def test_float64_agrees_far_closer_than_float32():
    """The measured gap behind the tolerances: float64 ~1e-15, float32 ~1e-7."""
    cfg = ex.RNNConfig("LSTM", 8, 16, 2, bidirectional=True)
    f64 = ex.trace_report(Setting(cfg, 30, 4, "random", dtype="float64", device="cpu"))
    f32 = ex.trace_report(Setting(cfg, 30, 4, "random", dtype="float32", device="cpu"))
    assert f64.max_diff < 1e-13
    assert 1e-9 < f32.max_diff < 1e-5


@pytest.mark.parametrize(("cfg", "seq_len", "batch", "source"), rounding_corners())
def test_the_widest_fan_in_still_agrees_in_float32(cfg, seq_len, batch, source):
    """With a fixed 1e-5, the first corner was reported as a disagreement (|Δ| = 1.06e-5)."""
    report = ex.trace_report(Setting(cfg, seq_len, batch, source, seed=0, device="cpu"))
    assert report.ok, (report.max_diff, report.tolerance, report.scale, report.fan_in)
    assert report.max_diff < report.tolerance / 5  # measured: at most an eighteenth of it
    values, fan = f"{report.scale:.3g}", f"{report.fan_in:.3g}"
    for lang in i18n.LANGS:
        scaled = i18n.t("tol.scaled", lang, base="1e-05", values=values, fan=fan)
        assert inside_mod.tolerance_note(report, lang).endswith(scaled) == (report.scale * report.fan_in > 1)


def test_tolerance_scales_with_the_numbers_compared():
    base, key = tolerance(torch.float32, "cpu")
    assert (base, key) == (1e-5, "tol.cpu_float32")
    assert tolerance(torch.float32, "cpu", 0.2)[0] == base  # never below the base
    assert tolerance(torch.float32, "cpu", 40.0)[0] == pytest.approx(40 * base)
    assert tolerance(torch.float64, "cpu", 40.0)[0] == pytest.approx(40e-10)


def test_the_fan_in_factor_counts_the_widest_layer_input():
    def factor(cfg):
        return fan_in_factor(ex.build_module(cfg, device="cpu"))

    assert factor(ex.RNNConfig("GRU", 10, 20)) == 1.0  # narrower than hidden: no longer sums
    assert factor(ex.RNNConfig("LSTM", 1024, 4)) == pytest.approx(16.0)  # sqrt(1024 / 4)
    assert factor(ex.RNNConfig("RNN", 3, 8, 2, bidirectional=True)) == pytest.approx(2**0.5)  # D*H in
    assert factor(ex.RNNConfig("LSTM", 3, 8, 2, bidirectional=True, proj_size=2)) == 1.0  # D*proj in


def test_trace_guard_refuses_with_the_estimate():
    cfg = ex.RNNConfig("GRU", 256, 256, 4, bidirectional=True)
    with pytest.raises(ex.ConfigError) as err:
        inside_mod.check_traceable(Setting(cfg, 512, 256, device="cpu"))
    assert "GFLOP" in str(err.value) and "GFLOP" in err.value.localized("zh")
    inside_mod.check_traceable(
        Setting(ex.RNNConfig("LSTM", 10, 20, 2), 5, 3, device="cpu")
    )  # the default is fine


@given(
    cfg=configs(max_hidden=5),
    seq_len=st.integers(1, 5),
    batch=st.one_of(st.none(), st.integers(1, 3)),
    data=st.data(),
)
def test_substituted_step_equals_the_trace(cfg, seq_len, batch, data):
    report = ex.trace_report(Setting(cfg, seq_len, batch, "random", seed=3, dtype="float64", device="cpu"))
    layer = data.draw(st.integers(0, cfg.num_layers - 1))
    direction = data.draw(st.integers(0, cfg.D - 1))
    t = data.draw(st.integers(0, seq_len - 1))
    item = data.draw(st.integers(0, (batch or 1) - 1))
    detail = equations.step_detail(report, layer, direction, t, item)
    assert detail.max_diff_to_trace < 1e-12
    first = t == (0 if direction == 0 else seq_len - 1)
    assert (detail.prev_t is None) == first
    lhs = [r[0] for r in detail.results]
    assert (
        lhs[-1] == "h_t"
        and lhs[:-1]
        == {"RNN": [], "LSTM": ["i_t", "f_t", "g_t", "o_t", "c_t"], "GRU": ["r_t", "z_t", "n_t"]}[cfg.mode]
    )


def test_equations_follow_the_config():
    assert any("ReLU" in e for e in equations.equations(ex.RNNConfig("RNN", 2, 3, nonlinearity="relu")))
    assert equations.equations(ex.RNNConfig("LSTM", 2, 3, proj_size=2))[-1].startswith("h_t = W_{hr}")
    no_bias = equations.equations(ex.RNNConfig("GRU", 2, 3, bias=False))
    assert not any("b_" in e for e in no_bias)
    assert r"r_t \odot (W_{hn} h_{t-1})" in no_bias[2]
    assert "def lstm_step" in equations.step_source(ex.RNNConfig("LSTM", 2, 3))


def test_tolerance_reads_the_cuda_precision_setting(monkeypatch):
    assert tolerance(torch.float32, "cpu")[0] == 1e-5
    assert tolerance(torch.float64, "cpu")[0] == 1e-10
    rnn = torch.backends.cudnn.rnn
    monkeypatch.setattr(rnn, "fp32_precision", "tf32", raising=False)
    assert cuda_rnn_precision() == "tf32"
    assert tolerance(torch.float32, "cuda")[1] == "tol.cuda_tf32"
    monkeypatch.setattr(rnn, "fp32_precision", "ieee", raising=False)
    assert tolerance(torch.float32, "cuda")[1] == "tol.cuda_float32"
    assert cuda_precision_setting() == "torch.backends.cudnn.rnn.fp32_precision = 'ieee'"
    # a torch without the per-RNN setting: the global switch decides, and the page names it
    monkeypatch.setattr(torch.backends, "cudnn", types.SimpleNamespace(rnn=None, allow_tf32=False))
    assert cuda_rnn_precision() == "ieee"
    assert cuda_precision_setting() == "torch.backends.cudnn.allow_tf32 = False"
    for lang in i18n.LANGS:
        assert "allow_tf32 = False" in i18n.t("tol.cuda_float32", lang, setting=cuda_precision_setting())


def test_trace_guard_runs_before_any_allocation(monkeypatch):
    """A refused setting must not build its input first (a 1 GiB tensor on a shared server)."""
    import explainer.inside as inside

    def forbidden(*args, **kwargs):
        raise AssertionError("make_input ran before the guard")

    monkeypatch.setattr(inside, "make_input", forbidden)
    cfg = ex.RNNConfig("RNN", 1024, 1)
    with pytest.raises(ex.ConfigError):
        ex.trace_report(Setting(cfg, 512, 256, "sine", dtype="float64", device="cpu"))


def test_step_detail_uses_the_reports_own_weights():
    cfg = ex.RNNConfig("LSTM", 3, 4)
    report = ex.trace_report(Setting(cfg, 4, 2, "random", seed=7, dtype="float64", device="cpu"))
    assert equations.step_detail(report, 0, 0, 2, 1).max_diff_to_trace < 1e-12
