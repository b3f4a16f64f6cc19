"""Textbook variants: each lands clearly away from the module, and only because of its convention."""

import pytest
import torch
from helpers import SEQ_LEN, case_id, flag_sweep
from streamlit.testing.v1 import AppTest
from tests_paths import APP
from torch import nn

import explainer as ex
from explainer import equations, i18n, run, variants
from explainer.setting import Setting
from explainer.variants import variant_source

SWEEP = list(flag_sweep())
FUSED = ["rnn_tanh", "rnn_relu", "lstm", "gru", "rnn_tanh_cell", "rnn_relu_cell", "lstm_cell", "gru_cell"]
CLEARLY = 1e-3  # the smallest variant distance over the sweep is ~7e-3; float64 rounding is ~1e-15


def setup(cfg, batch, with_hx, seed=0):
    module = ex.build_module(cfg, seed=seed, device="cpu").double()
    x, hx = run.make_inputs(cfg, SEQ_LEN, batch, pass_hx=with_hx, seed=seed, device="cpu")
    if hx is not None:
        hx = tuple(s.double() for s in hx) if isinstance(hx, tuple) else hx.double()
    return module, x.double(), hx


def flat(result):
    output, states = result
    return [output, *(states if isinstance(states, tuple) else (states,))]


@pytest.mark.parametrize("with_hx", [False, True], ids=["no_hx", "hx"])
@pytest.mark.parametrize("case", SWEEP, ids=[case_id(c) for c in SWEEP])
def test_pytorch_convention_reproduces_the_module_and_each_variant_does_not(case, with_hx, monkeypatch):
    cfg, batch = case
    module, x, hx = setup(cfg, batch, with_hx)
    names = variants.variants_for(cfg)
    with torch.no_grad():
        real = flat(module(x, hx))
    results = {name: variants.variant_check(module, x, hx, name) for name in names}
    assert results["pytorch"].max_diff < 1e-10
    for name in names[1:]:
        assert results[name].max_diff > CLEARLY, name
        assert results[name].per_t_diff.shape == (SEQ_LEN,)
        assert [s.shape for s in results[name].states] == [s.shape for s in real[1:]]

    def forbidden(*args, **kwargs):
        raise AssertionError("a fused RNN kernel or module.forward was called")

    for name in FUSED:  # the variants run the manual path: plain tensor arithmetic only
        monkeypatch.setattr(torch._VF, name, forbidden, raising=False)
        monkeypatch.setattr(torch, name, forbidden, raising=False)
    for cls in (nn.RNN, nn.LSTM, nn.GRU):
        monkeypatch.setattr(cls, "forward", forbidden)
    with torch.no_grad():
        for name in names:
            got = flat(variants.variant_forward(module, x, hx, name))
            assert [g.shape for g in got] == [r.shape for r in real]
            if name == "pytorch":
                for mine, theirs in zip(got, real, strict=True):
                    torch.testing.assert_close(mine, theirs, rtol=0, atol=1e-10)


def test_variants_take_packed_input():
    from torch.nn.utils.rnn import pack_padded_sequence

    cfg = ex.RNNConfig("GRU", 3, 4, bidirectional=True)
    module, x, _ = setup(cfg, 3, False)
    packed = pack_padded_sequence(x, torch.tensor([5, 2, 4]), enforce_sorted=False)
    assert variants.variant_check(module, packed, None, "pytorch").max_diff < 1e-10
    check = variants.variant_check(module, packed, None, "gru_reset_before")
    assert isinstance(check.output, type(packed)) and check.max_diff > CLEARLY


def real_output(module, x, hx=None):
    with torch.no_grad():
        return flat(module(x, hx))


def assert_same(got, expected):
    for mine, theirs in zip(flat(got), expected, strict=True):
        torch.testing.assert_close(mine, theirs, rtol=0, atol=1e-10)


@pytest.mark.parametrize("mode", ["RNN", "LSTM", "GRU"])
@pytest.mark.parametrize("bidirectional", [False, True])
def test_single_bias_is_the_module_with_b_hh_zeroed(mode, bidirectional):
    """Real torch is the oracle: the one-bias variant is exactly nn.* with every b_hh set to zero."""
    cfg = ex.RNNConfig(mode, 3, 4, num_layers=2, bidirectional=bidirectional)
    module, x, _ = setup(cfg, 2, False)
    got = variants.variant_forward(module, x, None, "single_bias")
    with torch.no_grad():
        for name, p in module.named_parameters():
            if name.startswith("bias_hh"):
                p.zero_()
    assert_same(got, real_output(module, x))


@pytest.mark.parametrize("proj_size", [0, 2])
def test_gate_order_variant_is_the_module_with_g_and_o_swapped(proj_size):
    """Reading i, f, g, o as i, f, o, g is the real nn.LSTM with its g and o blocks exchanged."""
    cfg = ex.RNNConfig("LSTM", 3, 4, num_layers=2, bidirectional=True, proj_size=proj_size)
    module, x, _ = setup(cfg, 2, False)
    got = variants.variant_forward(module, x, None, "lstm_ifog")
    with torch.no_grad():
        for name, p in module.named_parameters():
            if not name.startswith("weight_hr"):
                i, f, g, o = p.clone().chunk(4)  # PyTorch's stack
                p.copy_(torch.cat([i, f, o, g]))
    assert_same(got, real_output(module, x))


@pytest.mark.parametrize("bias", [True, False])
@pytest.mark.parametrize("bidirectional", [False, True])
def test_colahs_gru_is_the_module_with_its_z_rows_negated(bidirectional, bias):
    """1 − σ(a) = σ(−a): colah's z is PyTorch's 1 − z once the z rows of every weight and bias are negated."""
    cfg = ex.RNNConfig("GRU", 3, 4, num_layers=2, bidirectional=bidirectional, bias=bias)
    module, x, _ = setup(cfg, 2, False)
    got = variants.variant_forward(module, x, None, "gru_colah")
    assert variants.variant_check(module, x, None, "gru_colah").max_diff > CLEARLY
    with torch.no_grad():
        for p in module.parameters():
            p[4:8] *= -1  # rows H:2H are z (gate order r, z, n)
    assert_same(got, real_output(module, x))


@pytest.mark.parametrize("proj_size", [0, 2])
@pytest.mark.parametrize("bidirectional", [False, True])
def test_forget_bias_one_is_the_module_with_one_added_to_b_if(bidirectional, proj_size):
    """TensorFlow's forget_bias=1.0 added in every step is the real nn.LSTM with 1 added to b_if."""
    cfg = ex.RNNConfig("LSTM", 3, 4, num_layers=2, bidirectional=bidirectional, proj_size=proj_size)
    module, x, hx = setup(cfg, 2, True)
    got = variants.variant_forward(module, x, hx, "lstm_forget_one")
    assert variants.variant_check(module, x, hx, "lstm_forget_one").max_diff > CLEARLY
    with torch.no_grad():
        for name, p in module.named_parameters():
            if name.startswith("bias_ih"):
                p[4:8] += 1.0  # rows H:2H are f (gate order i, f, g, o)
    assert_same(got, real_output(module, x, hx))


def test_forget_bias_one_raises_every_forget_gate_and_matters_from_the_second_step():
    """σ(a + 1) > σ(a) at every position; at t = 0 the gate multiplies c_0 = 0, so only later steps differ."""
    from explainer.manual import _run
    from explainer.variants import VARIANTS

    module, x, _ = setup(ex.RNNConfig("LSTM", 3, 4), 2, False)
    with torch.no_grad():
        f_torch = _run(module, x, None, None, record=True)[3]["gates"]["f"]
        convention = VARIANTS["lstm_forget_one"].convention
        f_one = _run(module, x, None, None, record=True, convention=convention)[3]["gates"]["f"]
    assert (f_one > f_torch).all()
    per_t = variants.variant_check(module, x, None, "lstm_forget_one").per_t_diff
    assert per_t[0] < 1e-12 and per_t[1:].min() > CLEARLY


def test_gru_variants_agree_when_the_reset_gate_is_open():
    """With r = 1 everywhere W_hn (r ⊙ h) = r ⊙ (W_hn h): where r is applied is the whole difference."""
    cfg = ex.RNNConfig("GRU", 3, 4, num_layers=2, bidirectional=True)
    module, x, _ = setup(cfg, 2, False)
    assert variants.variant_check(module, x, None, "gru_reset_before").max_diff > CLEARLY
    with torch.no_grad():
        for name, p in module.named_parameters():
            if name.startswith("bias_ih"):
                p[:4] = 1e3  # the reset gate's input bias: r = sigmoid(≈1000) = 1
    assert variants.variant_check(module, x, None, "gru_reset_before").max_diff < 1e-12


def test_gru_variant_first_step_is_identical_without_bias_from_zero():
    """The case the page explains when a variant happens to agree: h_0 = 0 and no b_hn at t = 0."""
    module, x, _ = setup(ex.RNNConfig("GRU", 3, 4, bias=False), 2, False)
    per_t = variants.variant_check(module, x, None, "gru_reset_before").per_t_diff
    assert per_t[0] < 1e-12 and per_t[1:].min() > 1e-6  # t = 0 agrees up to rounding only


def test_variants_offered_follow_the_config():
    assert variants.variants_for(ex.RNNConfig("RNN", 2, 3)) == ["pytorch", "single_bias"]
    lstm = ["pytorch", "lstm_ifog", "lstm_forget_one"]
    assert variants.variants_for(ex.RNNConfig("LSTM", 2, 3)) == [*lstm, "single_bias"]
    # without biases there is no b_if to hold TensorFlow's + 1, so no change makes the module equal it
    assert variants.variants_for(ex.RNNConfig("LSTM", 2, 3, bias=False)) == ["pytorch", "lstm_ifog"]
    assert variants.variants_for(ex.RNNConfig("GRU", 2, 3)) == [
        "pytorch",
        "gru_reset_before",
        "gru_colah",
        "single_bias",
    ]
    assert variants.variants_for(ex.RNNConfig("GRU", 2, 3, bias=False)) == [
        "pytorch",
        "gru_reset_before",
        "gru_colah",
    ]
    module = ex.build_module(ex.RNNConfig("RNN", 2, 3, bias=False), device="cpu")
    with pytest.raises(ValueError, match="single_bias"):
        variants.variant_forward(module, torch.zeros(4, 2), None, "single_bias")
    with pytest.raises(ValueError, match="lstm_ifog"):
        variants.variant_forward(module, torch.zeros(4, 2), None, "lstm_ifog")
    with pytest.raises(ex.ConfigError):
        variants.variant_forward(module, torch.zeros(4, 2), None, "nonsense")


def test_variant_equations_change_only_their_lines():
    gru = ex.RNNConfig("GRU", 2, 3)
    base, reset = equations.equations(gru), variants.variant_equations(gru, "gru_reset_before")
    assert [i for i, (a, b) in enumerate(zip(base, reset, strict=True)) if a != b] == [2]
    assert r"W_{hn} (r_t \odot h_{t-1})" in reset[2]
    no_bias = variants.variant_equations(ex.RNNConfig("GRU", 2, 3, bias=False), "gru_reset_before")
    assert not any("b_" in e for e in no_bias)
    lstm = ex.RNNConfig("LSTM", 2, 3, proj_size=2)
    ifog = variants.variant_equations(lstm, "lstm_ifog")
    assert ifog[2].startswith(r"g_t = \tanh(W_{io}") and ifog[3].startswith(r"o_t = \sigma(W_{ig}")
    assert ifog[-1] == equations.equations(lstm)[-1]
    one = variants.variant_equations(ex.RNNConfig("RNN", 2, 3), "single_bias")
    assert one == [r"h_t = \tanh(x_t W_{ih}^T + b_{ih} + h_{t-1} W_{hh}^T)"]
    gru_one = variants.variant_equations(gru, "single_bias")
    assert r"r_t \odot (W_{hn} h_{t-1})" in gru_one[2] and "b_{in}" in gru_one[2]
    assert variants.variant_equations(gru, "pytorch") == base
    colah = variants.variant_equations(gru, "gru_colah")
    assert [i for i, (a, b) in enumerate(zip(base, colah, strict=True)) if a != b] == [3]
    assert colah[3] == r"h_t = (1 - z_t) \odot h_{t-1} + z_t \odot n_t"
    one = variants.variant_equations(ex.RNNConfig("LSTM", 2, 3), "lstm_forget_one")
    assert [
        i
        for i, (a, b) in enumerate(zip(equations.equations(ex.RNNConfig("LSTM", 2, 3)), one, strict=True))
        if a != b
    ] == [1]
    assert one[1].endswith(r"+ b_{hf} + 1)")


def test_variant_source_is_the_step_that_ran():
    assert "def gru_step_reset_before" in variant_source(ex.RNNConfig("GRU", 2, 3), "gru_reset_before")
    assert "i, f, o, g = gates.chunk" in variant_source(ex.RNNConfig("LSTM", 2, 3), "lstm_ifog")
    assert variant_source(ex.RNNConfig("LSTM", 2, 3), "single_bias") is None
    assert "(1 - z) * h + z * n" in variant_source(ex.RNNConfig("GRU", 2, 3), "gru_colah")
    assert "torch.sigmoid(f + 1.0)" in variant_source(ex.RNNConfig("LSTM", 2, 3), "lstm_forget_one")


@pytest.mark.parametrize("variant", ["gru_reset_before", "single_bias"])
def test_variant_report_on_the_pages_setting(variant):
    cfg = ex.RNNConfig("GRU", 4, 5, num_layers=2, batch_first=True, bidirectional=True)
    report = variants.variant_report(
        Setting(cfg, 6, 3, "sine", seed=2, dtype="float32", device="cpu"), variant
    )
    assert report.per_t_diff.shape == (6,) and report.max_diff > CLEARLY
    # |h| <= 1 and the second layer reads D*H = 10 values against hidden_size 5: sqrt(2)
    assert report.tolerance == pytest.approx(1e-5 * 2**0.5) and set(report.final_diffs) == {"h_n"}
    for lang in i18n.LANGS:
        far, text = variants.variant_verdict(report, lang)
        assert far and f"{report.max_diff:.2e}" in text
    text_report = variants.variant_report(Setting(cfg, 1, 1, "text", text="abc", device="cpu"), variant)
    assert text_report.per_t_diff.shape == (3,)
    with pytest.raises(ValueError):
        variants.variant_report(Setting(cfg, 4, 2, "random", device="cpu"), "lstm_ifog")


def test_variant_report_respects_the_trace_guard():
    cfg = ex.RNNConfig("GRU", 256, 256, 4, bidirectional=True)
    with pytest.raises(ex.ConfigError):
        variants.variant_report(Setting(cfg, 512, 256, "random", device="cpu"), "single_bias")


# --- the equation page ---------------------------------------------------------------------------

TIMEOUT = 120  # importing torch alone takes seconds on this machine


def open_equations(**query: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("views/3_Equations.py").run()
    assert not at.exception, at.exception
    return at


def notices(at: AppTest) -> str:
    return "\n".join(e.value for kind in (at.info, at.warning, at.success) for e in kind)


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_equation_page_variant_switch_changes_the_difference(lang):
    at = open_equations(lang=lang, mode="GRU", num_layers="2", bidirectional="true")
    assert not at.error
    before = notices(at)
    assert i18n.t("var.pytorch_note", lang, diff="", tol="")[:12] in before
    charts = len(at.get("plotly_chart"))

    at.radio(key="eq_variant").set_value("gru_reset_before").run()
    assert not at.exception and not at.error
    after = notices(at)
    far = [w.value for w in at.warning]
    assert after != before and len(far) == 1
    assert far[0].startswith(i18n.t("var.far", lang, diff="", ratio="", tol="")[:10])
    assert i18n.t("var.why.gru_reset_before", lang) in [m.value for m in at.markdown]
    assert len(at.get("plotly_chart")) == charts + 1  # the per-timestep difference
    assert any("def gru_step_reset_before" in c.value for c in at.code)

    at.radio(key="eq_variant").set_value("single_bias").run()
    assert not at.exception and not at.error
    assert [w.value for w in at.warning] != far  # another convention, another distance
    assert i18n.t("var.fold_gru", lang) in [c.value for c in at.caption]


@pytest.mark.parametrize("lang", i18n.LANGS)
@pytest.mark.parametrize("mode, variant", [("GRU", "gru_colah"), ("LSTM", "lstm_forget_one")])
def test_equation_page_shows_the_first_textbook_variants(mode, variant, lang):
    at = open_equations(lang=lang, mode=mode)
    at.radio(key="eq_variant").set_value(variant).run()
    assert not at.exception and not at.error
    assert i18n.t(f"var.why.{variant}", lang) in [m.value for m in at.markdown]
    assert len(at.warning) == 1  # far from the module: the convention's cost
    cfg = ex.RNNConfig(mode, 10, 20, 2)
    changed = [
        b
        for a, b in zip(equations.equations(cfg), variants.variant_equations(cfg, variant), strict=True)
        if a != b
    ]
    shown = [latex.value for latex in at.get("latex")]
    assert changed and all(any(line in value for value in shown) for line in changed)
    name = variant_source(cfg, variant).split("def ")[1].split("(")[0]
    assert any(f"def {name}(" in c.value for c in at.code)


def test_equation_page_offers_only_applicable_variants_and_shows_the_cell_loop():
    at = open_equations(mode="LSTM", proj_size="3", bidirectional="true", unbatched="true", bias="false")
    assert not at.error
    assert at.radio(key="eq_variant").options == [
        i18n.t(f"var.name.{v}", "en")
        for v in ("pytorch", "lstm_ifog")  # bias=False: no b_if for the + 1
    ]
    assert any(s.value.startswith(i18n.t("cell.ok", "en", diff="", tol="")[:20]) for s in at.success)
    assert i18n.t("cell.proj", "en") in [i.value for i in at.info]
    captions = " ".join(c.value for c in at.caption)
    assert i18n.t("cell.reverse", "en") in captions and i18n.t("cell.unbatched", "en") in captions
    at.session_state["cell_source"] = at.session_state["step_source"] = True  # open the code that ran
    at.run()
    assert any("state = cell(xs[t], state)" in c.value for c in at.code)
    assert "_step(" in at.code[-1].value  # the manual step's own source stays last
    at.radio(key="eq_variant").set_value("lstm_ifog").run()
    assert not at.exception and not at.error
    assert i18n.t("var.ifog_names", "en") in [c.value for c in at.caption]
    at.radio(key="mode").set_value("GRU").run()  # the chosen variant does not apply any more
    assert not at.exception and not at.error
    assert at.radio(key="eq_variant").value == "pytorch"
