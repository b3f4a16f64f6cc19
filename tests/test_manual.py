"""manual_forward and trace against the real module, with torch's fused kernels forbidden."""

from contextlib import contextmanager

import pytest
import torch
from helpers import SEQ_LEN, batch_sizes, case_id, configs, flag_sweep, seq_lens
from hypothesis import given
from hypothesis import strategies as st
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence

import explainer as ex
from explainer import run
from explainer.verify import check_trace, layer_outputs

SWEEP = list(flag_sweep())
FUSED = ["rnn_tanh", "rnn_relu", "lstm", "gru", "rnn_tanh_cell", "rnn_relu_cell", "lstm_cell", "gru_cell"]
TOL = {torch.float64: 1e-10, torch.float32: 1e-5}


def _forbidden(*args, **kwargs):
    raise AssertionError("a fused RNN kernel or module.forward was called")


def _forbid(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in FUSED:
        monkeypatch.setattr(torch._VF, name, _forbidden, raising=False)
        monkeypatch.setattr(torch, name, _forbidden, raising=False)
    for cls in (nn.RNN, nn.LSTM, nn.GRU):
        monkeypatch.setattr(cls, "forward", _forbidden)


@contextmanager
def fused_forbidden():
    """Every fused RNN kernel and every module forward raise inside (for hypothesis tests)."""
    with pytest.MonkeyPatch.context() as mp:
        _forbid(mp)
        yield


@pytest.fixture
def no_fused(monkeypatch):
    """Make every fused RNN kernel and every module forward raise while the manual path runs."""
    return lambda: _forbid(monkeypatch)


def flat(result):
    output, states = result
    return [output, *(states if isinstance(states, tuple) else (states,))]


def reference(cfg, batch, dtype, with_hx, seed=0):
    module = ex.build_module(cfg, seed=seed, device="cpu").to(dtype)
    x, hx = run.make_inputs(cfg, SEQ_LEN, batch, pass_hx=with_hx, seed=seed, device="cpu")
    x = x.to(dtype)
    if hx is not None:
        hx = tuple(s.to(dtype) for s in hx) if isinstance(hx, tuple) else hx.to(dtype)
    with torch.no_grad():
        expected = flat(module(x, hx))
    return module, x, hx, expected


def test_the_patch_really_forbids_the_module(no_fused):
    module = nn.LSTM(2, 3)
    no_fused()
    with pytest.raises(AssertionError, match="fused"):
        module(torch.zeros(4, 1, 2))
    with pytest.raises(AssertionError, match="fused"):
        torch._VF.lstm(
            torch.zeros(4, 1, 2), (torch.zeros(1, 1, 3),) * 2, [], True, 1, 0.0, False, False, False
        )
    with fused_forbidden(), pytest.raises(AssertionError, match="fused"):
        nn.GRU(2, 3)(torch.zeros(4, 1, 2))


@pytest.mark.parametrize("dtype", [torch.float64, torch.float32], ids=["f64", "f32"])
@pytest.mark.parametrize("with_hx", [False, True], ids=["no_hx", "hx"])
@pytest.mark.parametrize("case", SWEEP, ids=[case_id(c) for c in SWEEP])
def test_manual_forward_equals_module(case, with_hx, dtype, no_fused):
    cfg, batch = case
    module, x, hx, expected = reference(cfg, batch, dtype, with_hx)
    no_fused()
    with torch.no_grad():
        got = flat(ex.manual_forward(module, x, hx))
    assert len(got) == len(expected)
    for mine, real in zip(got, expected, strict=True):
        assert mine.shape == real.shape and mine.dtype == real.dtype
        torch.testing.assert_close(mine, real, rtol=0, atol=TOL[dtype])


@given(
    cfg=configs(max_hidden=8),
    seq_len=seq_lens,
    batch=batch_sizes,
    with_hx=st.booleans(),
    dtype=st.sampled_from([torch.float64, torch.float32]),
)
def test_manual_forward_random_configs(cfg, seq_len, batch, with_hx, dtype):
    module = ex.build_module(cfg, seed=1, device="cpu").to(dtype)
    x, hx = run.make_inputs(cfg, seq_len, batch, pass_hx=with_hx, seed=2, device="cpu")
    x = x.to(dtype)
    if hx is not None:
        hx = tuple(s.to(dtype) for s in hx) if isinstance(hx, tuple) else hx.to(dtype)
    with torch.no_grad():
        expected = flat(module(x, hx))
        with fused_forbidden():
            got = flat(ex.manual_forward(module, x, hx))
    for mine, real in zip(got, expected, strict=True):
        assert mine.dtype == real.dtype
        torch.testing.assert_close(mine, real, rtol=0, atol=TOL[dtype])


@given(
    cfg=configs(max_hidden=6),
    lengths=st.lists(st.integers(1, 6), min_size=1, max_size=5),
    enforce_sorted=st.booleans(),
    with_hx=st.booleans(),
)
def test_packed_sequences_of_mixed_lengths(cfg, lengths, enforce_sorted, with_hx):
    if enforce_sorted:
        lengths = sorted(lengths, reverse=True)
    module = ex.build_module(cfg, seed=0, device="cpu").double()
    L, N = max(lengths), len(lengths)
    gen = torch.Generator().manual_seed(5)
    padded = torch.randn(L, N, cfg.input_size, generator=gen, dtype=torch.float64)
    if cfg.batch_first:
        padded = padded.transpose(0, 1)
    packed = pack_padded_sequence(
        padded, torch.tensor(lengths), batch_first=cfg.batch_first, enforce_sorted=enforce_sorted
    )
    hx = None
    if with_hx:
        table = ex.shape_table(cfg, L, N)
        hx = torch.randn(table["h_0"], generator=gen, dtype=torch.float64)
        if cfg.mode == "LSTM":
            hx = (hx, torch.randn(table["c_0"], generator=gen, dtype=torch.float64))
    with torch.no_grad():
        real_out, real_states = module(packed, hx)
        with fused_forbidden():
            mine_out, mine_states = ex.manual_forward(module, packed, hx)
    assert isinstance(mine_out, type(real_out))
    torch.testing.assert_close(mine_out.data, real_out.data, rtol=0, atol=1e-10)
    assert torch.equal(mine_out.batch_sizes, real_out.batch_sizes)
    for mine, real in zip(flat((None, mine_states))[1:], flat((None, real_states))[1:], strict=True):
        torch.testing.assert_close(mine, real, rtol=0, atol=1e-10)


def test_training_mode_dropout_is_refused():
    module = nn.GRU(2, 3, 2, dropout=0.5)  # training mode by default
    with pytest.raises(ValueError, match="eval"):
        ex.manual_forward(module, torch.zeros(3, 1, 2))


@given(cfg=configs(max_hidden=6), seq_len=seq_lens, batch=st.integers(1, 4))
def test_trace_agrees_with_module_and_gate_equations(cfg, seq_len, batch):
    module = ex.build_module(cfg, seed=0, device="cpu").double()
    x, _ = run.make_inputs(cfg, seq_len, batch, pass_hx=False, device="cpu")
    x = x.double()
    with torch.no_grad():
        tr = ex.trace(module, x)
        real = flat(module(x))
    L_, D, H, H_out = cfg.num_layers, cfg.D, cfg.hidden_size, cfg.H_out
    assert tr.h.shape == (L_, D, seq_len, batch, H_out)
    if cfg.mode == "LSTM":
        assert tr.c.shape == (L_, D, seq_len, batch, H)
    assert set(tr.gates) == {"LSTM": set("ifgo"), "GRU": set("rzn"), "RNN": set()}[cfg.mode]
    for g in tr.gates.values():
        assert g.shape == (L_, D, seq_len, batch, H)
    # The top layer is output, at every t, in both directions (index t = input position t).
    out = real[0].transpose(0, 1) if cfg.batch_first else real[0]
    top = torch.cat([tr.h[-1, d] for d in range(D)], dim=-1)
    torch.testing.assert_close(top, out, rtol=0, atol=1e-10)
    # Final states: forward at t = L-1, reverse at t = 0.
    for layer in range(L_):
        for d in range(D):
            t_final = seq_len - 1 if d == 0 else 0
            torch.testing.assert_close(tr.h[layer, d, t_final], real[1][layer * D + d], rtol=0, atol=1e-10)
            if cfg.mode == "LSTM":
                torch.testing.assert_close(
                    tr.c[layer, d, t_final], real[2][layer * D + d], rtol=0, atol=1e-10
                )
    # The recurrences themselves, from the recorded gates.
    for layer in range(L_):
        for d in range(D):
            order = range(seq_len) if d == 0 else range(seq_len - 1, -1, -1)
            prev_h = torch.zeros(batch, H_out, dtype=torch.float64)
            prev_c = torch.zeros(batch, H, dtype=torch.float64)
            for t in order:
                g = {k: v[layer, d, t] for k, v in tr.gates.items()}
                if cfg.mode == "LSTM":
                    c = g["f"] * prev_c + g["i"] * g["g"]
                    torch.testing.assert_close(tr.c[layer, d, t], c, rtol=0, atol=1e-12)
                    prev_c = c
                if cfg.mode == "GRU":
                    h = (1 - g["z"]) * g["n"] + g["z"] * prev_h
                    torch.testing.assert_close(tr.h[layer, d, t], h, rtol=0, atol=1e-12)
                prev_h = tr.h[layer, d, t]


@given(cfg=configs(max_hidden=6), seq_len=seq_lens, batch=batch_sizes)
def test_every_traced_layer_is_backed_by_the_real_module(cfg, seq_len, batch):
    module = ex.build_module(cfg, seed=0, device="cpu").double()
    x, hx = run.make_inputs(cfg, seq_len, batch, pass_hx=True, device="cpu")
    x = x.double()
    hx = tuple(s.double() for s in hx) if isinstance(hx, tuple) else hx.double()
    with torch.no_grad():
        tr = ex.trace(module, x, hx)
        checks = check_trace(module, x, tr, hx)
    assert len(checks) == cfg.num_layers * cfg.D
    assert all(c.max_abs_diff < 1e-10 for c in checks), checks
    assert {c.against for c in checks if c.layer < cfg.num_layers - 1} <= {"one-layer module"}


def test_check_trace_catches_a_wrong_trace():
    cfg = ex.RNNConfig("LSTM", 3, 4, 2, bidirectional=True)
    module = ex.build_module(cfg, device="cpu").double()
    x, _ = run.make_inputs(cfg, 5, 2, pass_hx=False, device="cpu")
    x = x.double()
    with torch.no_grad():
        tr = ex.trace(module, x)
        tr.h[0, 1, 2, 0, 0] += 0.01  # corrupt one inner-layer number
        checks = check_trace(module, x, tr)
    bad = [(c.layer, c.direction) for c in checks if c.max_abs_diff > 1e-10]
    assert bad == [(0, 1)]
    with torch.no_grad():
        tr = ex.trace(module, x)
        tr.h[1, 0, 4, 1, 3] -= 0.01  # corrupt one top-layer number: output must catch it
        checks = check_trace(module, x, tr)
    assert [(c.layer, c.direction) for c in checks if c.max_abs_diff > 1e-10] == [(1, 0)]


def test_layer_outputs_compose_to_the_module():
    cfg = ex.RNNConfig("GRU", 3, 4, 3, bidirectional=True, batch_first=True)
    module = ex.build_module(cfg, device="cpu").double()
    x, _ = run.make_inputs(cfg, 6, 2, pass_hx=False, device="cpu")
    x = x.double()
    with torch.no_grad():
        outs = layer_outputs(module, x)
        real = module(x)[0].transpose(0, 1)
    torch.testing.assert_close(outs[-1], real, rtol=0, atol=1e-12)
