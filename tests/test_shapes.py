"""shape_table and its explanations against the real torch module, for every flag combination."""

import re
import warnings

import pytest
import torch
from helpers import SEQ_LEN, batch_sizes, case_id, configs, flag_sweep, seq_lens
from hypothesis import given
from torch import nn

import explainer as ex
from explainer import i18n
from explainer import shapes as shapes_mod

SWEEP = list(flag_sweep())


def torch_shapes(cfg: ex.RNNConfig, seq_len: int, batch: int | None, pass_hx: bool) -> dict:
    """Shapes straight from torch: the module is built with torch's own constructor and init."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        module = getattr(nn, cfg.mode)(**cfg.module_kwargs()).eval()
    predicted = ex.shape_table(cfg, seq_len, batch)
    x = torch.randn(predicted["input"])
    hx = None
    if pass_hx:
        hx = torch.randn(predicted["h_0"])
        if cfg.mode == "LSTM":
            hx = (hx, torch.randn(predicted["c_0"]))
    with torch.no_grad():
        out, states = module(x, hx)
    shapes = {"input": tuple(x.shape), "output": tuple(out.shape)}
    finals = states if cfg.mode == "LSTM" else (states,)
    shapes |= {name: tuple(s.shape) for name, s in zip(("h_n", "c_n"), finals, strict=False)}
    shapes |= {name: tuple(p.shape) for name, p in module.named_parameters()}
    return shapes


@pytest.mark.parametrize("case", SWEEP, ids=[case_id(c) for c in SWEEP])
@pytest.mark.parametrize("pass_hx", [False, True])
def test_shape_table_matches_torch(case, pass_hx):
    cfg, batch = case
    predicted = ex.shape_table(cfg, SEQ_LEN, batch)
    actual = torch_shapes(cfg, SEQ_LEN, batch, pass_hx)
    # torch accepted the predicted input and h_0/c_0 (it raises on a wrong hidden shape); what
    # it produced must equal the prediction ...
    produced = {k: v for k, v in actual.items() if k != "input"}
    assert {k: v for k, v in predicted.items() if k in produced} == produced
    assert set(predicted) - set(produced) == {"input", "h_0", "c_0"} & set(predicted)
    # ... and the input's layout is the one torch read: its batch axis is h_n's N, its time axis
    # is output's L (torch takes both from the input, so a swapped prediction would show here).
    if batch is not None:
        n_axis, l_axis = (0, 1) if cfg.batch_first else (1, 0)
        assert predicted["input"][n_axis] == actual["h_n"][1] == batch
        assert predicted["input"][l_axis] == actual["output"][l_axis] == SEQ_LEN
    # ... and the initial states have the final states' shapes, as torch documents.
    assert predicted["h_0"] == actual["h_n"]
    if cfg.mode == "LSTM":
        assert predicted["c_0"] == actual["c_n"]


@pytest.mark.parametrize("case", SWEEP[::7], ids=[case_id(c) for c in SWEEP[::7]])
def test_wrong_state_shape_is_rejected_by_torch(case):
    """The h_0 prediction is not vacuous: torch rejects a state with batch and rows swapped."""
    cfg, batch = case
    table = ex.shape_table(cfg, SEQ_LEN, batch)
    module = getattr(nn, cfg.mode)(**cfg.module_kwargs())
    bad = list(table["h_0"])
    bad[0] += 1
    hx = torch.zeros(bad)
    if cfg.mode == "LSTM":
        hx = (hx, torch.zeros(table["c_0"]))
    with pytest.raises(RuntimeError, match="Expected hidden"):
        module(torch.zeros(table["input"]), hx)


@given(cfg=configs(), seq_len=seq_lens, batch=batch_sizes)
def test_random_configs_match_torch(cfg, seq_len, batch):
    predicted = ex.shape_table(cfg, seq_len, batch)
    actual = torch_shapes(cfg, seq_len, batch, pass_hx=True)
    produced = {k: v for k, v in actual.items() if k != "input"}
    assert {k: v for k, v in predicted.items() if k in produced} == produced
    if batch is not None:
        assert predicted["input"][0 if cfg.batch_first else 1] == actual["h_n"][1]


@given(cfg=configs())
def test_parameter_names_in_torch_order_and_count(cfg):
    module = getattr(nn, cfg.mode)(**cfg.module_kwargs(), device="meta")
    assert shapes_mod.parameter_names(cfg) == [n for n, _ in module.named_parameters()]
    assert cfg.parameter_count == sum(p.numel() for p in module.parameters())


def _evaluate(symbolic: str, values: dict) -> tuple:
    """'(D·num_layers, N, H_out)' -> (4, 3, 20) with the letters' values."""
    dims = [d.strip() for d in symbolic.strip("()").split(",") if d.strip()]
    out = []
    for dim in dims:
        product = 1
        for factor in dim.split("·"):
            product *= int(factor) if factor.isdigit() else values[factor]
        out.append(product)
    return tuple(out)


@given(cfg=configs(), seq_len=seq_lens, batch=batch_sizes)
def test_symbolic_shapes_evaluate_to_the_numbers(cfg, seq_len, batch):
    table = ex.shape_table(cfg, seq_len, batch)
    values = shapes_mod.letter_values(cfg, seq_len, batch)
    for name, shape in table.items():
        symbolic = ex.symbolic_shape(cfg, name, batched=batch is not None)
        assert re.fullmatch(r"\([\w·, ]+\)", symbolic), symbolic
        assert _evaluate(symbolic, values) == shape, (name, symbolic)


@given(cfg=configs())
def test_gate_blocks_split_the_real_parameters(cfg):
    module = getattr(nn, cfg.mode)(**cfg.module_kwargs(), device="meta")
    for name, p in module.named_parameters():
        blocks = shapes_mod.gate_blocks(cfg, name)
        if name.startswith("weight_hr"):
            assert blocks == ["W_hr"]
            continue
        chunks = p.chunk(len(blocks), dim=0)
        assert len(chunks) == len(blocks) == cfg.G
        assert all(c.shape[0] == cfg.hidden_size for c in chunks)
        kind = name.split("_")[1]  # 'ih' or 'hh'
        prefix = "W_" if name.startswith("weight") else "b_"
        if cfg.mode == "RNN":
            assert blocks == [prefix + kind]
        else:
            assert blocks == [prefix + kind[0] + gate for gate in cfg.gates]


def test_gate_block_names_follow_torch_docs():
    lstm = ex.RNNConfig("LSTM", 3, 4)
    gru = ex.RNNConfig("GRU", 3, 4)
    rnn = ex.RNNConfig("RNN", 3, 4)
    assert shapes_mod.gate_blocks(lstm, "weight_ih_l0") == ["W_ii", "W_if", "W_ig", "W_io"]
    assert shapes_mod.gate_blocks(lstm, "bias_hh_l0") == ["b_hi", "b_hf", "b_hg", "b_ho"]
    assert shapes_mod.gate_blocks(gru, "weight_hh_l0") == ["W_hr", "W_hz", "W_hn"]
    assert shapes_mod.gate_blocks(rnn, "weight_ih_l0") == ["W_ih"]


@given(cfg=configs(max_hidden=6))
def test_init_bound_is_torchs(cfg):
    """torch's own reset_parameters stays within the k the page prints, and reaches near it."""
    torch.manual_seed(0)
    module = getattr(nn, cfg.mode)(**cfg.module_kwargs())
    k = shapes_mod.init_bound(cfg)
    biggest = max(p.abs().max().item() for p in module.parameters())
    assert biggest <= k
    assert biggest > 0.5 * k


def test_unbatched_ignores_batch_first():
    a = ex.shape_table(ex.RNNConfig("GRU", 2, 4, batch_first=True), 5, None)
    b = ex.shape_table(ex.RNNConfig("GRU", 2, 4, batch_first=False), 5, None)
    assert a == b
    assert a["input"] == (5, 2)


@pytest.mark.parametrize("lang", i18n.LANGS)
@pytest.mark.parametrize("case", SWEEP[::5], ids=[case_id(c) for c in SWEEP[::5]])
def test_rows_carry_the_table_and_a_reason(case, lang):
    cfg, batch = case
    table = ex.shape_table(cfg, SEQ_LEN, batch)
    rows = shapes_mod.tensor_rows(cfg, SEQ_LEN, batch, pass_hx=False, lang=lang)
    params = shapes_mod.parameter_rows(cfg, lang)
    assert [r.name for r in rows + params] == list(table)
    for row in rows + params:
        assert row.shape == table[row.name]
        assert row.why
    for row in params:
        assert row.count == torch.Size(row.shape).numel()
    output = next(r for r in rows if r.name == "output")
    assert f"{cfg.D}·{cfg.H_out} = {cfg.D * cfg.H_out}" in output.why


@pytest.mark.parametrize("bad", [dict(seq_len=0), dict(seq_len=10**6), dict(batch_size=0), dict(seq_len=2.5)])
def test_input_sizes_are_limited(bad):
    kwargs = dict(seq_len=3, batch_size=2) | bad
    with pytest.raises(ex.ConfigError) as err:
        ex.shape_table(ex.RNNConfig("RNN", 2, 3), **kwargs)
    assert err.value.field == next(iter(bad))
