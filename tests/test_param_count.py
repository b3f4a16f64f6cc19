"""The parameter count as a formula (shapes page): every number against the real module's parameters."""

import re

import pytest
from helpers import configs, flag_sweep
from hypothesis import given
from torch import nn

import explainer as ex
from explainer import config, i18n, shapes


def real(cfg: ex.RNNConfig) -> nn.Module:
    return getattr(nn, cfg.mode)(**cfg.module_kwargs(), device="meta")  # shapes only, no memory


def numel(module: nn.Module, pattern: str = "") -> int:
    return sum(p.numel() for name, p in module.named_parameters() if re.search(pattern, name))


def evaluate(numbers: str) -> int:
    """'4·20·(2·5 + 5 + 2) + 5·20' -> 1460: the formula as shown, computed here."""
    assert re.fullmatch(r"[\d·+() ]+", numbers), numbers
    return eval(numbers.replace("·", "*"))  # noqa: S307 - digits and operators only (checked above)


def check_formula(cfg: ex.RNNConfig) -> None:
    module = real(cfg)
    rows = shapes.parameter_formula(cfg)
    assert [r.layer for r in rows] == list(range(cfg.num_layers))
    for r in rows:
        # each layer, both directions: the parameters torch names _l{k} and _l{k}_reverse
        assert r.total == numel(module, rf"_l{r.layer}(_reverse)?$")
        assert r.D * evaluate(r.numbers) == r.total
        per_direction = numel(module, rf"_l{r.layer}$")
        assert evaluate(r.numbers) == r.per_direction == per_direction
        # the formula in torch's letters gives the same number with the config's values
        h_in = cfg.input_size if r.layer == 0 else cfg.D * cfg.H_out
        letters = {"D·H_out": h_in, "H_cell": cfg.H_cell, "H_out": cfg.H_out, "H_in": h_in}
        letters |= {"G": cfg.G, "P": cfg.proj_size}
        symbolic = r.symbolic
        for letter, value in letters.items():  # longest names first: D·H_out before H_out
            symbolic = symbolic.replace(letter, str(value))
        assert evaluate(symbolic) == r.per_direction, r.symbolic
    assert sum(r.total for r in rows) == sum(p.numel() for p in module.parameters()) == cfg.parameter_count


@pytest.mark.parametrize("case", list(flag_sweep()), ids=lambda c: repr(c[0]))
def test_the_formula_gives_torchs_count_over_the_flag_sweep(case):
    check_formula(case[0])


@given(cfg=configs())
def test_the_formula_gives_torchs_count_for_random_configs(cfg):
    check_formula(cfg)


@given(cfg=configs())
def test_an_lstm_has_4_and_a_gru_3_times_an_rnns_parameters(cfg):
    by_mode = shapes.counts_by_mode(cfg)
    kw = {f: getattr(cfg, f) for f in ("input_size", "hidden_size", "num_layers", "bias", "bidirectional")}
    for mode, count in by_mode.items():
        assert count == sum(p.numel() for p in getattr(nn, mode)(**kw, device="meta").parameters())
    assert by_mode["GRU"] == 3 * by_mode["RNN"] and by_mode["LSTM"] == 4 * by_mode["RNN"]


@given(cfg=configs())
def test_the_notes_show_torchs_numbers_in_both_languages(cfg):
    module = real(cfg)
    total = sum(p.numel() for p in module.parameters())
    for lang in ("en", "zh"):
        text = "\n".join(shapes.parameter_count_notes(cfg, lang))
        assert f"{total:,}" in text
        for r in shapes.parameter_formula(cfg):
            assert r.numbers in text and f"{r.total:,}" in text
        if cfg.proj_size:  # what the projection saves (or costs), against a real LSTM without one
            kw = cfg.module_kwargs() | {"proj_size": 0}
            without = sum(p.numel() for p in nn.LSTM(**kw, device="meta").parameters())
            assert f"{without:,}" in text and f"{abs(without - total):,}" in text
            key = "count.proj_saves" if without > total else "count.proj_costs"
            phrase = max(re.split(r"\{[^}]*\}", i18n.MESSAGES[key][0 if lang == "en" else 1]), key=len)
            assert phrase.strip() in text


def test_a_projection_can_cost_more_than_it_saves():
    """H = 10, P = 9: weight_hh loses 4·10·1 columns' worth, weight_hr adds 9·10: said as it is."""
    cfg = ex.RNNConfig("LSTM", 2, 10, proj_size=9)
    with_proj = sum(p.numel() for p in real(cfg).parameters())
    without = sum(p.numel() for p in nn.LSTM(2, 10, device="meta").parameters())
    assert with_proj > without
    for lang in ("en", "zh"):
        last = shapes.parameter_count_notes(cfg, lang)[-1]
        params = dict(P=9, H=10, hr="90", without=f"{without:,}", total=f"{with_proj:,}")
        assert last == i18n.t("count.proj_costs", lang, **params, diff=f"{with_proj - without:,}")


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_the_shapes_page_shows_the_formula(lang):
    from test_pages import open_page

    at = open_page("views/1_Shapes.py", lang=lang, proj_size="5")
    assert not at.error
    text = "\n".join(m.value for m in at.markdown)
    assert i18n.t("count.title", lang) in text
    cfg = ex.RNNConfig("LSTM", 10, 20, 2, proj_size=5)  # the page's defaults, projected
    for line in shapes.parameter_count_notes(cfg, lang):
        assert line in text
    assert f"{sum(p.numel() for p in real(cfg).parameters()):,}" in text


def test_the_projection_note_stands_where_the_lstm_without_it_would_be_over_the_limit():
    """An LSTM the app accepts only because of its projection: the note still counts the other."""
    cfg = ex.RNNConfig("LSTM", 1024, 1024, proj_size=16)
    kw = cfg.module_kwargs() | {"proj_size": 0}
    without = sum(p.numel() for p in nn.LSTM(**kw, device="meta").parameters())
    assert without > config.MAX_PARAMETERS >= cfg.parameter_count
    assert shapes.counts_by_mode(cfg)["LSTM"] == without
    assert f"{without:,}" in shapes.parameter_count_notes(cfg, "en")[-1]
