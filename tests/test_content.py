"""The sentences corrected by the content review (issue 14), each claim computed with real torch.

Every test computes what the corrected sentence says (h_n's order after enforce_sorted=False,
the reverse direction's final state, which biases of a GRU fold, which kernel runs, what .long()
makes of random floats, ...) and checks that the text says that, in both languages where the text
differs. The last tests keep the Chinese glossary: one word for each thing.
"""

import re
import warnings

import pytest
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence
from torch.profiler import profile

import explainer as ex
from explainer import i18n, shapes, train
from explainer.packed import packed_report, proof_columns

LANGS = ("en", "zh")


def gen(seed: int = 0) -> torch.Generator:
    return torch.Generator().manual_seed(seed)


# --- 1. pk.sorted: h_n comes back in the caller's order ---------------------------------------------


@pytest.mark.parametrize("mode", ["RNN", "LSTM", "GRU"])
def test_h_n_comes_back_in_the_callers_order_after_enforce_sorted_false(mode):
    lengths = [2, 5, 3]  # not sorted: torch sorts, runs, and unsorts for us
    module = getattr(nn, mode)(3, 4, dtype=torch.float64)
    x = torch.randn(5, 3, 3, generator=gen(), dtype=torch.float64)
    packed = pack_padded_sequence(x, torch.tensor(lengths), enforce_sorted=False)
    _, state = module(packed)
    h_n = state[0] if mode == "LSTM" else state
    for b, n in enumerate(lengths):  # each sequence alone, unpadded: row b of h_n is sequence b
        _, alone = module(x[:n, b : b + 1])
        alone_h = alone[0] if mode == "LSTM" else alone
        torch.testing.assert_close(h_n[:, b], alone_h[:, 0])
    unsorted = packed.unsorted_indices
    assert not torch.equal(h_n[:, unsorted], h_n)  # indexing again scrambles the batch
    for lang in LANGS:
        text = i18n.t("pk.sorted", lang, s=packed.sorted_indices.tolist(), u=unsorted.tolist())
        assert str(unsorted.tolist()) in text
    assert "already applied" in i18n.t("pk.sorted", "en", s=0, u=0)
    assert "已经用它还原过了" in i18n.t("pk.sorted", "zh", s=0, u=0)


# --- 14. why.h_n_bidir / cell.reverse: the reverse half of output at t = 0 -------------------------


@pytest.mark.parametrize("mode", ["RNN", "LSTM", "GRU"])
def test_the_reverse_final_state_is_the_reverse_half_of_output_at_t0(mode):
    cfg = ex.RNNConfig(mode, 3, 4, bidirectional=True)
    module = ex.build_module(cfg)
    out, state = module(torch.randn(5, 2, 3, generator=gen()))
    h_n = state[0] if mode == "LSTM" else state
    H = cfg.H_out
    torch.testing.assert_close(h_n[-1], out[0, :, H:])  # the reverse half of output at t = 0
    assert out[0].shape[-1] == 2 * H != h_n[-1].shape[-1]  # not the whole of output[0]
    assert not torch.allclose(h_n[-1], out[-1, :, H:])  # and not output at the last step
    for lang in LANGS:
        why = {r.name: r.why for r in shapes.tensor_rows(cfg, 5, 2, False, lang)}["h_n"]
        assert f"{H}" in why and i18n.t("why.h_n_bidir", lang, H_out=H, out_last="output[-1]") in why
    assert "reverse half" in i18n.t("cell.reverse", "en") and "反向一半" in i18n.t("cell.reverse", "zh")


# --- 2. dbg.univariate depends on batch_first ------------------------------------------------------

UNIVARIATE = {
    False: "import torch\nimport torch.nn as nn\nlstm = nn.LSTM(1, 8)\n"
    "x = torch.randn(30, 16)\nout, _ = lstm(x)\n",
    True: "import torch\nimport torch.nn as nn\nlstm = nn.LSTM(1, 8, batch_first=True)\n"
    "x = torch.randn(16, 30)\nout, _ = lstm(x)\n",
}


@pytest.mark.parametrize("batch_first", [False, True])
def test_a_univariate_series_is_explained_in_its_own_layout(batch_first):
    from test_debugger import run_real
    from test_debugger_audit import explained, fix_runs

    source = UNIVARIATE[batch_first]
    key = "univariate_bf" if batch_first else "univariate"
    explained(source, key)
    # torch's own verdict: the data's last axis read as features (time for (N, L), batch for (L, N))
    err = run_real(source)["error"]
    assert "Expected 1, got 30" in err if batch_first else "Expected 1, got 16" in err
    fixed = fix_runs(source)
    ns: dict = {}
    exec(compile(fixed, "<fixed>", "exec"), ns)  # noqa: S102 - the test's oracle
    N, L = 16, 30
    want = (N, L, 8) if batch_first else (L, N, 8)
    assert tuple(ns["out"].shape) == want
    layout = "(N, L, 1)" if batch_first else "(L, N, 1)"
    for lang in LANGS:
        assert layout in i18n.t(f"dbg.{key}", lang, x="x", shape="s", mod="m", got=30)


# --- 3. the bidirectional summary: torch.cat((h_n[-2], h_n[-1]), dim=-1) feeds a Linear(2H) -----------

CAT = "torch.cat((h_n[-2], h_n[-1]), dim=-1)"


def test_the_bidirectional_summary_runs_and_has_both_directions():
    H = 6
    lstm = nn.LSTM(4, H, num_layers=2, bidirectional=True)
    x = torch.randn(5, 3, 4, generator=gen())
    out, (h_n, _) = lstm(x)
    summary = torch.cat((h_n[-2], h_n[-1]), dim=-1)
    assert nn.Linear(2 * H, 2)(summary).shape == (3, 2)
    torch.testing.assert_close(summary[:, :H], out[-1, :, :H])  # forward, after the last step
    torch.testing.assert_close(summary[:, H:], out[0, :, H:])  # reverse, after reading back to t = 0
    with pytest.raises(RuntimeError):  # h_n[-2:] is (2, N, H): it cannot feed a Linear(2H)
        nn.Linear(2 * H, 2)(h_n[-2:])
    assert h_n[-1].shape[-1] == H  # h_n[-1] alone: the reverse direction, H wide


PACKED_BIDIR = """import torch
import torch.nn as nn
from torch.nn.utils.rnn import pack_padded_sequence
x = torch.randn(5, 3, 4)
packed = pack_padded_sequence(x, [5, 3, 2])
gru = nn.GRU(4, 6, bidirectional=True)
fc = nn.Linear(12, 2)
out, h_n = gru(packed)
y = fc(out)
"""


def test_a_packed_bidirectional_output_is_summarised_with_both_directions():
    from test_debugger_audit import explained

    from explainer.debugger import diagnose_source

    explained(PACKED_BIDIR, "packed_head_bidir")
    for lang in LANGS:
        text = diagnose_source(PACKED_BIDIR, lang).explanation
        assert CAT in text and "12" in text and "h_n[-1]" in text
    # what the sentence claims, on the real module: the cat is 12 wide and feeds fc; with packing
    # its forward half is each sequence's last valid step, its reverse half output at t = 0
    ns: dict = {}
    exec(compile(PACKED_BIDIR.rsplit("y = ", 1)[0], "<snippet>", "exec"), ns)  # noqa: S102 - the oracle
    h_n, out = ns["h_n"], pad_packed_sequence(ns["out"])[0]
    summary = torch.cat((h_n[-2], h_n[-1]), dim=-1)
    assert ns["fc"](summary).shape == (3, 2)
    for b, n in enumerate([5, 3, 2]):
        torch.testing.assert_close(summary[b, :6], out[n - 1, b, :6])
        torch.testing.assert_close(summary[b, 6:], out[0, b, 6:])


def test_the_reverse_direction_warning_offers_the_cat():
    for lang in LANGS:
        text = i18n.t("dbg.w.reverse_direction_partial", lang, line=6, H_out=20)
        assert CAT in text and "2·20" in text and "h_n[-2:]" not in text


def test_the_time_first_warning_offers_the_cat_for_two_directions():
    from explainer.debugger import diagnose_source

    head = "import torch\nimport torch.nn as nn\n"
    for bidir, summary in ((False, "h_n[-1]"), (True, CAT)):
        source = head + f"gru = nn.GRU(4, 6, bidirectional={bidir})\nx = torch.randn(5, 3, 4)\n"
        source += "out, h_n = gru(x)\nlast = out[:, -1]\n"
        for lang in LANGS:
            warnings_ = diagnose_source(source, lang).warnings
            warned = [w for w in warnings_ if w.code == "last_sample_of_time_first"]
            assert len(warned) == 1 and summary in warned[0].message


# --- 4. a random initial state on every call --------------------------------------------------------

H = "import torch\nimport torch.nn as nn\n"
RANDOM_STATE = {
    "in forward": H + "class M(nn.Module):\n    def __init__(self):\n        super().__init__()\n"
    "        self.gru = nn.GRU(4, 6)\n\n    def forward(self, x):\n"
    "        h0 = torch.randn(1, x.size(1), 6)\n"
    "        out, h = self.gru(x, h0)\n        return out\n\nm = M()\ny = m(torch.randn(5, 3, 4))\n",
    "in a loop": H + "lstm = nn.LSTM(4, 6)\nfor _ in range(2):\n    x = torch.randn(5, 3, 4)\n"
    "    h0 = torch.randn(1, 3, 6)\n    c0 = torch.zeros(1, 3, 6)\n    out, (h, c) = lstm(x, (h0, c0))\n",
    "randn_like, in a function": H + "rnn = nn.RNN(4, 6)\ndef run(x, h):\n"
    "    return rnn(x, torch.randn_like(h))\nout, h = run(torch.randn(5, 3, 4), torch.zeros(1, 3, 6))\n",
    "a cell loop": H + "cell = nn.GRUCell(4, 6)\nx = torch.randn(5, 3, 4)\nfor t in range(5):\n"
    "    h = torch.rand(3, 6) if t == 0 else h\n    h = cell(x[t], h)\n",
}
NOT_RANDOM_STATE = {
    "once, at the top (torch's own docs)": H + "rnn = nn.GRU(4, 6)\nh0 = torch.randn(1, 3, 6)\n"
    "out, h = rnn(torch.randn(5, 3, 4), h0)\n",
    "zeros in forward": RANDOM_STATE["in forward"].replace("torch.randn(1, x", "torch.zeros(1, x"),
    "random input in a loop": H + "gru = nn.GRU(4, 6)\nfor _ in range(2):\n"
    "    out, h = gru(torch.randn(5, 3, 4))\n",
}


@pytest.mark.parametrize("case", sorted(RANDOM_STATE))
def test_a_random_initial_state_per_call_is_warned(case):
    from test_debugger import assert_same

    from explainer.debugger import diagnose_source

    source = RANDOM_STATE[case]
    assert_same(source)  # torch raises nothing: a silent mistake
    for lang in LANGS:
        d = diagnose_source(source, lang)
        assert d.ok and [w.code for w in d.warnings] == ["random_state"], d.warnings
        assert "torch.zeros" in d.warnings[0].message


@pytest.mark.parametrize("case", sorted(NOT_RANDOM_STATE))
def test_no_random_state_warning_where_the_state_is_drawn_once_or_is_zeros(case):
    from explainer.debugger import diagnose_source

    d = diagnose_source(NOT_RANDOM_STATE[case])
    assert d.ok and d.warnings == [], d.warnings


def test_a_random_state_gives_another_output_for_the_same_input_and_zeros_do_not():
    """The warning's claim, on the real module."""
    gru = nn.GRU(4, 6)
    x = torch.randn(5, 3, 4, generator=gen())
    drawn = [gru(x, torch.randn(1, 3, 6, generator=gen(s)))[0] for s in (1, 2)]
    assert not torch.allclose(*drawn)
    zeros = [gru(x, torch.zeros(1, 3, 6))[0], gru(x)[0]]
    torch.testing.assert_close(*zeros)  # no hx is zeros


def test_the_seed_examples_fix_starts_from_zeros_and_is_deterministic():
    from test_debugger import run_real

    from explainer.debugger import diagnose_source
    from explainer.debugger.examples import EXAMPLES

    source = EXAMPLES["seed_001_lstm_class"].code
    d = diagnose_source(source)
    assert "random_state" in [w.code for w in d.warnings]
    assert "torch.randn" not in d.fix and d.fix.count("torch.zeros") == 2
    assert run_real(d.fixed_source)["ok"]
    ns: dict = {}
    exec(compile(d.fixed_source, "<fixed>", "exec"), ns)  # noqa: S102 - the test's oracle
    with torch.no_grad():
        torch.testing.assert_close(ns["model"](ns["last_batch"]), ns["model"](ns["last_batch"]))


# --- 11. what .long() makes of random floats depends on the draw --------------------------------------


def test_long_of_randn_gives_negative_ids_and_long_of_rand_gives_zeros():
    randn = torch.randn(1000, generator=gen()).long()
    assert randn.min() < 0  # ids such as -1: no row
    with pytest.raises(IndexError):
        nn.Embedding(10, 4)(randn)
    rand = torch.rand(1000, generator=gen()).long()
    assert rand.eq(0).all()  # every id 0: it runs, and says nothing
    assert nn.Embedding(10, 4)(rand).shape == (1000, 4)
    assert "−1" in i18n.t("dbg.emb_random", "en", x="x", fn="randn", code="c")
    for lang in LANGS:
        assert "−1" not in i18n.t("dbg.emb_rand", lang, x="x", fn="rand", code="c")
        assert " 0" in i18n.t("dbg.emb_rand", lang, x="x", fn="rand", code="c")


def test_float_ids_from_rand_are_explained_as_all_zero():
    from test_debugger_audit import explained, fix_runs

    source = H + "emb = nn.Embedding(10, 4)\ntokens = torch.rand(2, 3)\ne = emb(tokens)\n"
    explained(source, "emb_rand")
    assert "tokens = torch.randint(0, 10, (2, 3))" in fix_runs(source)


# --- 5. tr.mse: the evaluation windows repeat windows the model trained on ----------------------------


def test_the_sine_evaluation_windows_are_windows_of_the_training_range():
    """Training windows start anywhere in [0, 100); the wave's period is 25 steps."""
    state = train.start("sine", seed=0)
    pred = train.prediction(state)
    period = 25.0
    torch.testing.assert_close(train.sine(torch.tensor(0.0)), train.sine(torch.tensor(period)))
    for t_end in pred["t"]:
        start = t_end - train.WINDOW
        shifted = start - period * ((start // period) - 1)  # the same phase, inside [0, 100)
        assert 0 <= shifted < 100
        window = train.sine(start + torch.arange(train.WINDOW + 1.0))
        seen = train.sine(shifted + torch.arange(train.WINDOW + 1.0))
        torch.testing.assert_close(window, seen, atol=1e-4, rtol=0)
    assert "not generalisation" in i18n.t("tr.mse", "en", mse=1) and "泛化" in i18n.t("tr.mse", "zh", mse=1)


# --- 7. eq.conventions: W x for one column vector is x Wᵀ for a batch of rows --------------------------


def test_w_x_for_one_vector_is_x_w_transposed_for_a_batch():
    cell = nn.RNNCell(3, 4, bias=False, dtype=torch.float64)
    x = torch.randn(5, 3, generator=gen(), dtype=torch.float64)  # a batch of 5 row vectors
    h = cell(x)
    W = cell.weight_ih
    torch.testing.assert_close(h, torch.tanh(x @ W.T))  # what torch computes
    for n in range(5):
        torch.testing.assert_close(h[n], torch.tanh(W @ x[n]))  # the docs' W x, one column at a time
    for lang in LANGS:
        text = i18n.t("eq.conventions", lang)
        assert "W x" in text and "x Wᵀ" in text


# --- 8. why.bias_hh_gru: b_hr and b_hz fold into b_ih, b_hn does not -----------------------------------


def test_only_the_n_block_of_a_grus_b_hh_cannot_fold_into_b_ih():
    torch.manual_seed(0)
    gru = nn.GRU(3, 4, dtype=torch.float64)
    x = torch.randn(6, 2, 3, dtype=torch.float64)
    h0 = torch.randn(1, 2, 4, dtype=torch.float64)  # a state that is not 0, so r matters
    want = gru(x, h0)[0]

    def folded(blocks: slice) -> torch.Tensor:
        g = nn.GRU(3, 4, dtype=torch.float64)
        g.load_state_dict(gru.state_dict())
        with torch.no_grad():
            g.bias_ih_l0[blocks] += g.bias_hh_l0[blocks]
            g.bias_hh_l0[blocks] = 0
        return g(x, h0)[0]

    torch.testing.assert_close(folded(slice(0, 8)), want)  # r and z blocks: b_hr, b_hz fold
    assert not torch.allclose(folded(slice(8, 12)), want)  # the n block: b_hn does not
    for lang in LANGS:
        assert "b_hr" in i18n.t("why.bias_hh_gru", lang) and "b_hn" in i18n.t("why.bias_hh_gru", lang)
        assert "b_hz" in i18n.t("var.fold_gru", lang)


# --- 9. cell.purpose: oneDNN runs nn.LSTM in float32 on the CPU, not the others ---------------------


def kernels(module: nn.Module, x: torch.Tensor) -> set[str]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # LSTM with projections: torch's fallback warning
        with profile() as prof:
            module(x)
    return {e.name for e in prof.events()}


@pytest.mark.parametrize(
    ("module", "dtype", "onednn"),
    [
        (nn.LSTM(3, 4), torch.float32, True),
        (nn.LSTM(3, 4, proj_size=2), torch.float32, False),
        (nn.LSTM(3, 4), torch.float64, False),
        (nn.GRU(3, 4), torch.float32, False),
        (nn.RNN(3, 4), torch.float32, False),
    ],
    ids=["lstm", "lstm-proj", "lstm-float64", "gru", "rnn"],
)
def test_the_cpu_kernel_is_onednn_only_for_a_float32_lstm_without_proj_size(module, dtype, onednn):
    if not torch.backends.mkldnn.is_available():
        pytest.skip("this torch build has no oneDNN")
    ran = kernels(module.to(dtype), torch.randn(5, 2, 3, dtype=dtype, generator=gen()))
    assert ("aten::mkldnn_rnn_layer" in ran) == onednn
    for lang in LANGS:
        text = i18n.t("cell.purpose", lang, cell="LSTMCell", mode="LSTM")
        assert "oneDNN" in text and "proj_size" in text and "float32" in text


# --- 10. pk.note.coincidence: what keeps a ReLU state at 0 ------------------------------------------


def test_a_relu_state_at_zero_stays_at_zero_only_without_positive_bias_and_input():
    rnn = nn.RNN(2, 3, nonlinearity="relu", dtype=torch.float64)
    with torch.no_grad():
        rnn.bias_ih_l0.copy_(torch.tensor([-0.1, -0.2, 0.0], dtype=torch.float64))
        rnn.bias_hh_l0.copy_(torch.tensor([0.0, -0.1, -0.3], dtype=torch.float64))
        rnn.weight_hh_l0.copy_(torch.tensor([[0.0, 0.0, 0.0], [0.0, 0.0, 0.0], [0.9, 0.0, 0.0]]))
    zeros = torch.zeros(4, 1, 2, dtype=torch.float64)
    out, _ = rnn(zeros, torch.zeros(1, 1, 3, dtype=torch.float64))
    assert out.abs().max() == 0  # all zeros, zero input, no positive b_ih + b_hh: stays all zeros
    # one unit at 0 need not stay at 0: unit 2 reads unit 0 through W_hh
    out, _ = rnn(zeros, torch.tensor([[[1.0, 0.0, 0.0]]], dtype=torch.float64))
    assert out[0, 0, 2] > 0
    for lang in LANGS:
        text = i18n.t("pk.note.coincidence", lang, seqs="2")
        assert "b_ih + b_hh" in text


# --- 12, 13, 16: the TF32 note, hidden_size, the layer below -------------------------------------------


def test_the_tf32_note_is_for_learners():
    for lang in LANGS:
        text = i18n.t("tol.cuda_tf32", lang, setting="x")
        assert "Ampere" in text
        assert "confirmed" not in text and "确认" not in text


def test_hidden_size_is_h_cell_and_h_out_only_without_proj_size():
    lstm = nn.LSTM(3, 8, proj_size=2)
    _, (h_n, c_n) = lstm(torch.randn(4, 1, 3, generator=gen()))
    assert c_n.shape[-1] == 8 and h_n.shape[-1] == 2  # hidden_size is H_cell; h is proj_size
    for lang in LANGS:
        text = i18n.t("help.hidden_size", lang)
        assert text.startswith("H_cell") and "H_cell / H_out" not in text and "proj_size" in text


def test_each_inner_layer_is_fed_the_layer_below():
    torch.manual_seed(0)
    gru = nn.GRU(3, 4, num_layers=2)
    x = torch.randn(5, 2, 3)
    out, _ = gru(x)
    below = nn.GRU(3, 4)
    above = nn.GRU(4, 4)
    below.load_state_dict({k.replace("_l0", "_l0"): v for k, v in gru.state_dict().items() if "_l0" in k})
    above.load_state_dict({k.replace("_l1", "_l0"): v for k, v in gru.state_dict().items() if "_l1" in k})
    torch.testing.assert_close(above(below(x)[0])[0], out)
    assert "下面一层的输出" in i18n.t("hs.backed", "zh", mode="GRU", finals="h_n")
    assert "以下一层输出" not in i18n.t("hs.backed", "zh", mode="GRU", finals="h_n")


def test_the_packed_proof_names_the_reverse_half():
    cfg = ex.RNNConfig("GRU", 3, 4, bidirectional=True)
    report = packed_report(cfg, [4, 2, 3], enforce_sorted=False)
    assert all(c.reverse_vs_first < 1e-12 for c in report.checks)  # against the reverse half at t = 0
    assert "reverse half" in proof_columns(cfg, "en")[2] and "反向一半" in proof_columns(cfg, "zh")[2]


# --- the Chinese glossary --------------------------------------------------------------------------

# (calque or second term, why): quiz.* keys are another part of the work and are left out here
AVOID = {
    "宽": "a tensor's size is 大小 (or 维度), not 宽/宽度",
    "第一维": "axes are numbered from 0: 第 0 维（dim 0）",
    "第二维": "axes are numbered from 0: 第 1 维（dim 1）",
    "前两维": "name the axes: 第 0 维和第 1 维",
    "一块行": "a gate's rows: 每个门占连续的 H_cell 行",
    "跑": "运行 / 计算",
    "批大小": "batch size is 批量大小",
    "batch 大小": "batch size is 批量大小",
    "真实时间步": "valid timesteps are 有效时间步",
    "新状态门": "GRU's n is the 候选隐藏状态, not a gate",
}


@pytest.mark.parametrize("word", sorted(AVOID))
def test_the_chinese_follows_the_glossary(word):
    from explainer.debugger.examples import EXAMPLES

    found = [k for k, (_, zh) in i18n.MESSAGES.items() if word in zh and not k.startswith("quiz.")]
    found += [k for k in EXAMPLES if word in i18n.t(f"dbgx.{k}", "zh")]  # the debugger's example titles
    assert found == [], (AVOID[word], found)


def test_axes_are_numbered_from_zero_with_digits():
    """'第 k 维' with k a digit counted from 0, the way torch's dim=k counts."""
    for key, (_, zh) in i18n.MESSAGES.items():
        if key.startswith("quiz."):
            continue
        for m in re.finditer(r"第\s*(\S+?)\s*维", zh):
            assert re.fullmatch(r"\d|\{\w+\}", m.group(1)), (key, m.group(0))


def test_the_glossary_is_written_down_at_the_top_of_the_catalogue():
    from pathlib import Path

    head = (Path(ex.__file__).parent / "i18n" / "__init__.py").read_text(encoding="utf-8")[:3000]
    for term in ("第 0 维（dim 0）", "批量大小", "有效时间步", "候选隐藏状态", "大小"):
        assert term in head


# --- every key the debugger builds a message from exists ------------------------------------------


def _key_values(expr) -> list[str]:
    """The strings an expression can give: 'a', 'a' if c else 'b', {'x': 'a', 'y': 'b'}[name]."""
    import ast

    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return [expr.value]
    if isinstance(expr, ast.IfExp):
        return _key_values(expr.body) + _key_values(expr.orelse)
    if isinstance(expr, ast.Subscript) and isinstance(expr.value, ast.Dict):
        return [s for v in expr.value.values for s in _key_values(v)]
    return []


def _say_keys(tree) -> list[tuple[int, list[str]]]:
    """(line, the keys it can say) of every say(...) call: a literal, or a name assigned in its function."""
    import ast

    found = []
    for func in [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]:
        assigned: dict[str, list[str]] = {}
        for node in ast.walk(func):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        assigned.setdefault(target.id, []).extend(_key_values(node.value))
                    elif isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple):
                        for t_, v in zip(target.elts, node.value.elts, strict=False):
                            if isinstance(t_, ast.Name):
                                assigned.setdefault(t_.id, []).extend(_key_values(v))
        for node in ast.walk(func):
            func = node.func if isinstance(node, ast.Call) else None
            is_say = getattr(func, "id", None) == "say" or getattr(func, "attr", None) == "say"  # f.say(...)
            if is_say and node.args:
                arg = node.args[0]
                keys = assigned.get(arg.id, []) if isinstance(arg, ast.Name) else _key_values(arg)
                found.append((node.lineno, keys))
    return found


def test_every_key_the_debugger_says_or_warns_with_is_in_the_catalogue():
    import ast
    from pathlib import Path

    folder = Path(ex.__file__).parent / "debugger"
    count = 0
    for name in ("explain.py", "rules.py", "fixes.py", "findings.py"):  # the explanations, split by question
        calls = _say_keys(ast.parse((folder / name).read_text(encoding="utf-8")))
        count += len(calls)
        for line, keys in calls:
            assert keys, f"{name}:{line}: say() with a key this test cannot read"
            missing = [k for k in keys if f"dbg.{k}" not in i18n.MESSAGES]
            assert missing == [], f"{name}:{line}: {missing}"
    assert count > 40
    from explainer.debugger.findings import RULES

    assert [c for c in RULES if f"dbg.w.{c}" not in i18n.MESSAGES] == []  # findings made after the run too
    interp = [ast.parse(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.py"))]  # split
    codes = [
        n.args[0].value
        for tree in interp
        for n in ast.walk(tree)
        if isinstance(n, ast.Call) and getattr(n.func, "attr", None) == "finding" and n.args
    ]
    assert "random_state" in codes
    assert [c for c in codes if f"dbg.w.{c}" not in i18n.MESSAGES] == []
