"""build_module, run_check and the output/h_n grid, all judged by the real module."""

import threading
import warnings

import pytest
import torch
from helpers import SEQ_LEN, batch_sizes, case_id, configs, flag_sweep, seq_lens
from hypothesis import given
from torch import nn

import explainer as ex
from explainer import budget, config, shapes
from explainer import run as run_mod

SWEEP = list(flag_sweep())


def weights(module):
    return {n: p.detach().clone() for n, p in module.named_parameters()}


def test_build_module_is_the_real_module_in_eval_mode():
    cfg = ex.RNNConfig("GRU", 3, 4, 2, bidirectional=True, dropout=0.5)
    module = ex.build_module(cfg, seed=1, device="cpu")
    assert type(module) is nn.GRU and not module.training
    assert (module.input_size, module.hidden_size, module.num_layers) == (3, 4, 2)
    assert module.bidirectional and module.dropout == 0.5


@given(cfg=configs(max_hidden=6, max_layers=2))
def test_same_seed_same_weights_other_seed_other_weights(cfg):
    a, b = ex.build_module(cfg, seed=3, device="cpu"), ex.build_module(cfg, seed=3, device="cpu")
    c = ex.build_module(cfg, seed=4, device="cpu")
    wa, wb, wc = weights(a), weights(b), weights(c)
    assert all(torch.equal(wa[n], wb[n]) for n in wa)
    assert any(not torch.equal(wa[n], wc[n]) for n in wa)
    k = shapes.init_bound(cfg)
    assert all(w.abs().max() <= k for w in wa.values())


def test_seed_holds_while_other_threads_reseed_torch():
    """Streamlit sessions are threads of one process: torch.manual_seed elsewhere must not matter."""
    cfg = ex.RNNConfig("LSTM", 8, 16, 2)
    expected = weights(ex.build_module(cfg, seed=7, device="cpu"))
    stop = threading.Event()
    mismatches = []

    def noisy():
        i = 0
        while not stop.is_set():
            torch.manual_seed(i)
            torch.randn(64)
            i += 1

    def builder():
        for _ in range(20):
            got = weights(ex.build_module(cfg, seed=7, device="cpu"))
            mismatches.extend(n for n in got if not torch.equal(got[n], expected[n]))

    noise = [threading.Thread(target=noisy) for _ in range(2)]
    builders = [threading.Thread(target=builder) for _ in range(3)]
    for th in noise + builders:
        th.start()
    for th in builders:
        th.join()
    stop.set()
    for th in noise:
        th.join()
    assert mismatches == []


def test_build_module_does_not_touch_the_global_generator():
    torch.manual_seed(123)
    before = torch.get_rng_state()
    ex.build_module(ex.RNNConfig("RNN", 3, 4), seed=0, device="cpu")
    assert torch.equal(before, torch.get_rng_state())


def test_resolve_device():
    assert run_mod.resolve_device("cpu").type == "cpu"
    assert run_mod.resolve_device(None).type == ("cuda" if torch.cuda.is_available() else "cpu")
    if not torch.cuda.is_available():
        assert run_mod.resolve_device("cuda").type == "cpu"  # no GPU: fall back instead of failing


@pytest.mark.parametrize("case", SWEEP, ids=[case_id(c) for c in SWEEP])
def test_run_check_agrees_everywhere(case):
    cfg, batch = case
    report = ex.run_check(cfg, SEQ_LEN, batch, pass_hx=True, seed=0, device="cpu")
    assert report.ok, [c for c in report.comparisons if not c.ok]
    assert not report.on_meta
    names = [c.name for c in report.comparisons]
    accepted = ["input", "h_0", "c_0"] if cfg.mode == "LSTM" else ["input", "h_0"]
    assert report.accepted == accepted
    assert names == [n for n in ex.shape_table(cfg, SEQ_LEN, batch) if n not in accepted]


def test_run_check_reports_a_wrong_prediction(monkeypatch):
    """The verdict can fail: break the prediction and torch's own check catches it."""
    cfg = ex.RNNConfig("LSTM", 3, 4, 2)
    real = run_mod.shape_table

    def wrong(cfg, seq_len, batch):
        table = dict(real(cfg, seq_len, batch))
        table["output"] = (1, 2, 3)
        return table

    monkeypatch.setattr(run_mod, "shape_table", wrong)
    report = ex.run_check(cfg, 5, 2, device="cpu")
    assert not report.ok and [c.name for c in report.comparisons if not c.ok] == ["output"]

    def wrong_input(cfg, seq_len, batch):
        table = dict(real(cfg, seq_len, batch))
        table["input"] = (5, 2, 4)  # wrong feature width: torch refuses it
        return table

    monkeypatch.setattr(run_mod, "shape_table", wrong_input)
    report = ex.run_check(cfg, 5, 2, device="cpu")
    assert not report.ok and "input_size" in report.error

    def wrong_state(cfg, seq_len, batch):
        table = dict(real(cfg, seq_len, batch))
        table["h_0"] = (4, 5, 4)  # batch_first wrongly applied to a state
        return table

    monkeypatch.setattr(run_mod, "shape_table", wrong_state)
    report = ex.run_check(cfg, 5, 2, pass_hx=True, device="cpu")
    assert not report.ok and "Expected hidden" in report.error


def test_large_settings_are_checked_on_meta():
    cfg = ex.RNNConfig("LSTM", 256, 256, 3, bidirectional=True)
    report = ex.run_check(cfg, 200, 32, device="cpu")
    assert report.on_meta and report.ok and report.final_states == []
    assert report.flops == budget.forward_flops(cfg, 200, 32)
    # meta costs time per step: the long sequence was checked over its first steps, at that length
    assert 1 <= report.seq_len < 200
    assert {c.name: c.actual for c in report.comparisons}["output"] == (report.seq_len, 32, 512)
    assert budget.estimate("forward", cfg, 200, 32).seconds > budget.budget_for("forward", "cpu").seconds


def test_flops_grow_with_every_size():
    base = dict(mode="GRU", input_size=8, hidden_size=8, num_layers=2)
    f0 = budget.forward_flops(ex.RNNConfig(**base), 10, 4)
    for change in (dict(input_size=9), dict(hidden_size=9), dict(num_layers=3), dict(bidirectional=True)):
        assert budget.forward_flops(ex.RNNConfig(**(base | change)), 10, 4) > f0
    assert budget.forward_flops(ex.RNNConfig(**base), 11, 4) > f0
    assert budget.forward_flops(ex.RNNConfig(**base), 10, 5) > f0


def test_constructor_warnings_are_torchs_own():
    cfg = ex.RNNConfig("GRU", 3, 4, 1, dropout=0.3)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        nn.GRU(3, 4, 1, dropout=0.3)
    assert run_mod.constructor_warnings(cfg) == [str(w.message) for w in caught] != []
    assert run_mod.constructor_warnings(ex.RNNConfig("GRU", 3, 4, 2, dropout=0.3)) == []


def layer_by_layer(cfg: ex.RNNConfig, module: nn.Module, x: torch.Tensor, batched: bool):
    """Each layer's per-direction outputs, from real one-layer modules holding that layer's weights.

    Returns {(layer, direction): tensor (L, [N,] H_out)} with time first.
    """
    per = {}
    inp = x
    for layer in range(cfg.num_layers):
        one = (
            getattr(nn, cfg.mode)(
                **(cfg.module_kwargs() | dict(input_size=inp.shape[-1], num_layers=1, dropout=0.0))
            )
            .to(x.dtype)
            .eval()
        )
        with torch.no_grad():
            for name, p in one.named_parameters():
                p.copy_(getattr(module, name.replace("_l0", f"_l{layer}")))
            out, _ = one(inp)
        time_first = out.transpose(0, 1) if (batched and cfg.batch_first) else out
        for d in range(cfg.D):
            per[(layer, d)] = time_first[..., d * cfg.H_out : (d + 1) * cfg.H_out]
        inp = out
    return per


@given(cfg=configs(max_hidden=5), seq_len=seq_lens, batch=batch_sizes)
def test_state_grid_matches_real_output_and_h_n(cfg, seq_len, batch):
    """Every cell the grid puts in output or h_n really is there, for every layer and direction."""
    module = ex.build_module(cfg, seed=0, device="cpu").double()
    x, _ = run_mod.make_inputs(cfg, seq_len, batch, pass_hx=False, device="cpu")
    x = x.double()
    with torch.no_grad():
        output, states = module(x)
    h_n = states[0] if cfg.mode == "LSTM" else states
    per = layer_by_layer(cfg, module, x, batch is not None)
    out_tf = output.transpose(0, 1) if (batch is not None and cfg.batch_first) else output
    cells = shapes.state_grid(cfg, seq_len)
    assert len(cells) == cfg.num_layers * cfg.D * seq_len
    for c in cells:
        state = per[(c.layer, c.direction)][c.t]
        if c.in_output:
            cols = slice(c.direction * cfg.H_out, (c.direction + 1) * cfg.H_out)
            torch.testing.assert_close(out_tf[c.t][..., cols], state, rtol=0, atol=1e-12)
        if c.h_n_row is not None:
            torch.testing.assert_close(h_n[c.h_n_row], state, rtol=0, atol=1e-12)
    assert sorted(c.h_n_row for c in cells if c.h_n_row is not None) == list(range(cfg.num_layers * cfg.D))


def test_reverse_final_state_is_at_t0_not_output_last():
    cfg = ex.RNNConfig("GRU", 3, 4, 1, bidirectional=True, batch_first=True)
    report = ex.run_check(cfg, 6, 2, device="cpu")
    by = {(c.direction, c.t): c.max_abs_diff for c in report.final_states}
    assert by[(0, 5)] == 0 and by[(1, 0)] == 0
    assert by[(0, 0)] > 0 and by[(1, 5)] > 0
    assert [c.output_expr for c in report.final_states if c.max_abs_diff == 0] == [
        "output[:, 5, 0:4]",
        "output[:, 0, 4:8]",
    ]


@pytest.mark.parametrize("mode", config.MODES)
def test_a_meta_prefix_fits_the_budget_and_never_exceeds_the_sequence(mode):
    seconds = budget.budget_for("forward", "cpu").seconds
    for layers, directions, seq_len in ((1, 1, 3), (3, 2, 200), (64, 2, 5000)):
        steps = budget.meta_seq_len(mode, layers, directions, seq_len, seconds)
        assert 1 <= steps <= seq_len
        assert steps == 1 or steps * layers * directions * budget.META_PER_STEP[mode] <= seconds
    assert budget.meta_seq_len(mode, 1, 1, 3, seconds) == 3  # a short sequence runs whole
