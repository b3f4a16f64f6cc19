"""Layer 0 as a loop over a real nn.RNNCell / LSTMCell / GRUCell, against the real layer."""

import pytest
import torch
from helpers import SEQ_LEN, batch_sizes, case_id, configs, flag_sweep, seq_lens
from hypothesis import given
from hypothesis import strategies as st
from torch import nn

import explainer as ex
from explainer import cells, i18n, inputs, run
from explainer.setting import Setting
from explainer.verify import layer_outputs

SWEEP = list(flag_sweep())
TOL = {torch.float64: 1e-10, torch.float32: 1e-5}


def setup(cfg, batch, dtype, with_hx, seed=0):
    module = ex.build_module(cfg, seed=seed, device="cpu").to(dtype)
    x, hx = run.make_inputs(cfg, SEQ_LEN, batch, pass_hx=with_hx, seed=seed, device="cpu")
    x = x.to(dtype)
    if hx is not None:
        hx = tuple(s.to(dtype) for s in hx) if isinstance(hx, tuple) else hx.to(dtype)
    return module, x, hx


@pytest.mark.parametrize("dtype", [torch.float64, torch.float32], ids=["f64", "f32"])
@pytest.mark.parametrize("with_hx", [False, True], ids=["no_hx", "hx"])
@pytest.mark.parametrize("case", SWEEP, ids=[case_id(c) for c in SWEEP])
def test_cell_loop_equals_the_layer(case, with_hx, dtype):
    cfg, batch = case
    module, x, hx = setup(cfg, batch, dtype, with_hx)
    check = cells.cell_check(module, x, hx)
    assert check.cell == f"nn.{cfg.mode}Cell"
    assert [r.direction for r in check.rows] == list(range(cfg.D))
    assert all((r.c_n is None) == (cfg.mode != "LSTM") for r in check.rows)
    assert check.against == ("output" if cfg.num_layers == 1 else "one-layer module")
    assert check.projected == bool(cfg.proj_size)
    assert check.max_diff <= TOL[dtype], check


@pytest.mark.parametrize("bidirectional", [False, True])
def test_cell_loop_matches_the_layer_number_for_number(bidirectional):
    """The loop's own outputs, not only a summary: each direction's half of layer 0's output."""
    cfg = ex.RNNConfig("GRU", 3, 4, num_layers=2, bidirectional=bidirectional)
    module, x, _ = setup(cfg, 2, torch.float64, False)
    layer0 = layer_outputs(module, x)[0]  # (L, N, D*H): a real one-layer module
    for d in range(cfg.D):
        cell = cells.cell_from_layer(module, d)
        assert type(cell) is nn.GRUCell
        outputs, h_last = cells.cell_loop(cell, x, torch.zeros(2, 4, dtype=torch.float64), reverse=d == 1)
        torch.testing.assert_close(outputs, layer0[..., d * 4 : (d + 1) * 4], rtol=0, atol=1e-12)
        # The reverse direction's final state is its state at t = 0, which h_n holds in row d.
        torch.testing.assert_close(h_last, module(x)[1][d], rtol=0, atol=1e-12)


def test_the_loop_calls_the_real_cell_once_per_step():
    cfg = ex.RNNConfig("LSTM", 2, 3, bidirectional=True)
    module, x, _ = setup(cfg, 2, torch.float64, False)
    calls = []
    cell = cells.cell_from_layer(module, 1)
    cell.register_forward_hook(lambda mod, args, out: calls.append(args[0]))
    state = (torch.zeros(2, 3, dtype=torch.float64),) * 2
    cells.cell_loop(cell, x, state, reverse=True)
    assert len(calls) == SEQ_LEN
    assert all(torch.equal(seen, x[t]) for seen, t in zip(calls, range(SEQ_LEN - 1, -1, -1), strict=True))


def test_cell_holds_the_layers_own_weights():
    cfg = ex.RNNConfig("RNN", 2, 3, nonlinearity="relu", bidirectional=True)
    module = ex.build_module(cfg, seed=4, device="cpu")
    cell = cells.cell_from_layer(module, 1)
    assert cell.nonlinearity == "relu"
    for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
        assert torch.equal(getattr(cell, name), getattr(module, f"{name}_l0_reverse"))
    no_bias = cells.cell_from_layer(ex.build_module(ex.RNNConfig("GRU", 2, 3, bias=False), device="cpu"))
    assert no_bias.bias_ih is None and no_bias.bias_hh is None


def test_lstm_projection_is_folded_into_the_cell_and_said_so():
    """LSTMCell has no proj_size: W_hh W_hr goes into the cell, and W_hr is applied by hand."""
    cfg = ex.RNNConfig("LSTM", 2, 5, proj_size=3)
    module = ex.build_module(cfg, seed=1, device="cpu").double()
    cell = cells.cell_from_layer(module)
    assert module.weight_hh_l0.shape == (20, 3) and cell.weight_hh.shape == (20, 5)
    torch.testing.assert_close(cell.weight_hh, module.weight_hh_l0 @ module.weight_hr_l0)
    report = cells.cell_report(Setting(cfg, 4, 2, "random", dtype="float64", device="cpu"))
    assert report.check.projected and report.ok
    assert "proj_size" in i18n.t("cell.proj", "zh") and "W_hr" in i18n.t("cell.proj", "en")


@given(cfg=configs(max_hidden=6), seq_len=seq_lens, batch=batch_sizes, with_hx=st.booleans())
def test_cell_loop_random_configs(cfg, seq_len, batch, with_hx):
    module = ex.build_module(cfg, seed=2, device="cpu").double()
    x, hx = run.make_inputs(cfg, seq_len, batch, pass_hx=with_hx, seed=2, device="cpu")
    hx = None if hx is None else (tuple(s.double() for s in hx) if isinstance(hx, tuple) else hx.double())
    assert cells.cell_check(module, x.double(), hx).max_diff < 1e-10


@pytest.mark.parametrize("source", inputs.SOURCES)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_cell_report_uses_the_trace_reports_setting(source, dtype):
    cfg = ex.RNNConfig("LSTM", 4, 6, num_layers=2, bidirectional=True, batch_first=True)
    report = cells.cell_report(Setting(cfg, 5, 2, source, seed=3, text="hi you", dtype=dtype, device="cpu"))
    base = {"float32": 1e-5, "float64": 1e-10}[dtype]
    assert report.ok and report.tolerance == pytest.approx(base * report.check.scale)
    assert report.check.scale >= 1
    rows = cells.cell_rows(report, "zh")
    assert len(rows) == 2 and i18n.t("cell.vs_c_n", "zh") in rows[0]


def test_cell_report_respects_the_trace_guard():
    cfg = ex.RNNConfig("GRU", 256, 256, 4, bidirectional=True)
    with pytest.raises(ex.ConfigError):
        cells.cell_report(Setting(cfg, 512, 256, "random", device="cpu"))


def test_cell_notes_say_what_was_compared():
    deep = cells.cell_notes(ex.RNNConfig("GRU", 2, 3, num_layers=3, bidirectional=True), False, "en")
    assert "h_n[0:2]" in deep[0] and len(deep) == 3
    assert cells.cell_notes(ex.RNNConfig("RNN", 2, 3), True, "zh") == [i18n.t("cell.single", "zh")]


def test_loop_source_is_the_code_that_ran():
    source = cells.cell_loop_source()
    assert "def cell_from_layer" in source and "def cell_loop" in source
    assert "state = cell(xs[t], state)" in source
