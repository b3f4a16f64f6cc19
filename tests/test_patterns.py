"""The task patterns against real torch: every shape, the head's slice, the losses, the leak, the snippet."""

import ast
import re
import subprocess
import sys
from dataclasses import replace

import pytest
import torch
from helpers import SEQ_LEN, configs, flag_sweep, seq_lens
from hypothesis import given, settings
from hypothesis import strategies as st
from torch.nn import functional as F

import explainer as ex
from explainer import i18n, patterns
from explainer.budget import BudgetError

CASES = list(flag_sweep())
C = 7  # distinct from every size of the sweep, so a swapped axis shows


def letters(cfg, seq_len, n, pattern):
    """The numbers behind the letters of the tables' symbolic shapes."""
    L = max(seq_len, 2) if pattern == "bidir" else seq_len
    return {
        "L": L,
        "T": L + 1,
        "N": n or 1,
        "D": cfg.D,
        "H_in": cfg.input_size,
        "H_out": cfg.H_out,
        "H_cell": cfg.H_cell,
        "num_layers": cfg.num_layers,
        "C": C,
    }


def evaluate(symbolic: str, values: dict) -> tuple:
    """'(L·N, C)' -> (15, 7): the symbolic column read as arithmetic on the letters."""
    expr = re.sub(r"[A-Za-z_]+", lambda m: str(values[m.group()]), symbolic.replace("·", "*"))
    value = ast.literal_eval(expr) if "*" not in expr and "-" not in expr else eval(expr)  # noqa: S307
    return value if isinstance(value, tuple) else (value,)


def independent(pattern, cfg, seq_len, n):
    """Each pattern's tensors computed here, from the same module and data, written out separately."""
    module = ex.build_module(cfg, 0, "cpu")
    nb = n or 1
    L = max(seq_len, 2) if pattern == "bidir" else seq_len
    data = torch.Generator().manual_seed(1)
    x = torch.randn((nb, L, cfg.input_size) if cfg.batch_first else (L, nb, cfg.input_size), generator=data)
    with torch.no_grad():
        out, hx = module(x)
    h_n = hx[0] if cfg.mode == "LSTM" else hx
    shapes = {"x": x.shape, "output": out.shape, "h_n": h_n.shape}
    # the last layer's states, taken out of h_n by layer and direction rather than by [-1], [-2]
    last = h_n.view(cfg.num_layers, cfg.D, nb, cfg.H_out)[-1]  # (D, N, H_out)
    return x, out, h_n, last, shapes


@pytest.mark.parametrize("cfg, n", CASES, ids=[f"{c.mode}-{i}" for i, (c, _) in enumerate(CASES)])
def test_every_table_matches_real_torch(cfg, n):
    for pattern in patterns.PATTERNS:
        report = patterns.pattern_report(pattern, cfg, SEQ_LEN, n, C, 0, "en")
        values = letters(cfg, SEQ_LEN, n, pattern)
        names = [r.name for r in report.rows]
        assert len(names) == len(set(names)), names
        for row in report.rows:
            assert evaluate(row.symbolic, values) == row.shape, (pattern, row)
        x, out, h_n, last, shapes = independent(pattern, cfg, SEQ_LEN, n)
        by_name = {r.name: r.shape for r in report.rows}
        for name, shape in shapes.items():
            assert by_name[name] == tuple(shape)
        if pattern == "many_to_one":
            # the features are the last layer's directions side by side: D·H_out wide
            assert by_name["features"] == (n or 1, cfg.D * cfg.H_out)
            assert all(d == 0.0 for _, d in report.checks)
            if cfg.D == 2:
                assert report.mistake_error.startswith("RuntimeError: mat1 and mat2")
                assert f"({n or 1}x{cfg.H_out} and {2 * cfg.H_out}x{C})" in report.mistake_error
            else:
                assert not report.mistake_code
        elif pattern == "many_to_many":
            ((claim, diff),) = report.checks
            assert diff < 1e-6
        elif pattern == "seq2seq":
            dec = patterns.decoder_config(cfg)
            assert (
                dec.D == 1 and dec.hidden_size == cfg.D * cfg.hidden_size and dec.num_layers == cfg.num_layers
            )
            assert by_name["h_0"] == (cfg.num_layers, n or 1, cfg.D * cfg.H_out)
            if cfg.mode == "LSTM":
                assert by_name["c_0"] == (cfg.num_layers, n or 1, cfg.D * cfg.H_cell)
            assert report.mistake_error.startswith("RuntimeError: Expected hidden")


def test_many_to_one_features_are_the_last_layers_final_states():
    """Recomputed here: h_n's last layer by layer and direction (view), not the report's own indexing."""
    for cfg, n in CASES[::3]:
        report = patterns.pattern_report("many_to_one", cfg, SEQ_LEN, n, C, 0, "en")
        x, out, h_n, last, _ = independent("many_to_one", cfg, SEQ_LEN, n)
        features = torch.cat(list(last), dim=-1)  # (N, D·H_out)
        head = patterns._linear(cfg.D * cfg.H_out, C, torch.Generator().manual_seed(2))
        data = torch.Generator().manual_seed(1)  # the target is drawn after x from the data generator
        torch.randn(x.shape, generator=data)
        target = torch.randint(C, (n or 1,), generator=data)
        loss = F.cross_entropy(head(features), target).item()
        assert report.loss_value == pytest.approx(loss, abs=1e-6)
        if cfg.D == 2:  # the reverse direction's final state is output at t = 0, not at the end
            rev = out[:, 0] if cfg.batch_first else out[0]
            assert torch.equal(h_n[-1], rev[:, cfg.H_out :])
            assert report.mistake_code == "head(h_n[-1])"


def test_bidirectional_output_sees_the_future_and_unidirectional_does_not():
    for cfg, n in CASES:
        report = patterns.pattern_report("bidir", cfg, SEQ_LEN, n, C, 0, "en")
        # an independent measurement: change x_1 only and run the real module again
        x, out, _, _, _ = independent("bidir", cfg, SEQ_LEN, n)
        module = ex.build_module(cfg, 0, "cpu")
        x2 = x.clone()
        if cfg.batch_first:
            x2[:, 1] += 1.0
        else:
            x2[1] += 1.0
        with torch.no_grad():
            out2, _ = module(x2)
        first, first2 = (out[:, 0], out2[:, 0]) if cfg.batch_first else (out[0], out2[0])
        H = cfg.H_out
        # the top layer's forward state at t = 0 has read x_0 only, unless a reverse layer sits below it
        blind = cfg.num_layers == 1 or cfg.D == 1
        assert torch.equal(first[:, :H], first2[:, :H]) == blind
        assert (report.leak["forward"] == 0.0) == blind
        if cfg.D == 1:
            assert set(report.leak) == {"forward"} and torch.equal(first, first2)
        else:
            assert report.leak["reverse"] > 0 and not torch.equal(first[:, H:], first2[:, H:])


def test_two_layer_bidirectional_forward_half_leaks_too():
    cfg = ex.RNNConfig("GRU", 2, 4, 2, bidirectional=True)
    report = patterns.pattern_report("bidir", cfg, SEQ_LEN, 3, C, 0, "en")
    assert report.leak["forward"] > 0 and report.leak["reverse"] > 0


def test_many_to_many_mistake_is_torchs_error_or_a_silent_wrong_axis():
    for cfg, n in CASES[::4]:
        report = patterns.pattern_report("many_to_many", cfg, SEQ_LEN, n, C, 0, "en")
        rows = {r.name: r for r in report.rows}
        logits = torch.zeros(rows["logits"].shape)
        target = torch.zeros(rows["target"].shape, dtype=torch.long)
        try:
            F.cross_entropy(logits, target)
            expected = ""
        except RuntimeError as err:
            expected = f"RuntimeError: {str(err).splitlines()[0]}"
        assert report.mistake_error == expected and expected
    # dim 1 equal to C by chance: torch runs it, and the page says so instead of quoting an error
    cfg = ex.RNNConfig("RNN", 2, 4, batch_first=True)
    report = patterns.pattern_report("many_to_many", cfg, C, 3, C, 0, "en")
    assert report.mistake_error == "" and "by chance" in report.mistake_why


@given(cfg=configs(max_hidden=6), seq_len=seq_lens, n=st.one_of(st.none(), st.integers(1, 4)))
@settings(max_examples=25, deadline=None)
def test_random_configs(cfg, seq_len, n):
    for pattern in patterns.PATTERNS:
        report = patterns.pattern_report(pattern, cfg, seq_len, n, C, 1, "zh")
        values = letters(cfg, seq_len, n, pattern)
        for row in report.rows:
            assert evaluate(row.symbolic, values) == row.shape, (pattern, row)
        if n is None:
            assert i18n.t("pat.note.batched", "zh") in report.notes
        if pattern == "bidir":
            assert ("reverse" in report.leak) == cfg.bidirectional


def test_snippets_run_and_print_the_pages_shapes_and_numbers():
    """One subprocess for all: each script's printed shapes, loss and differences equal the page's."""
    cases = [
        (p, cfg, n)
        for i, (cfg, n) in enumerate(CASES[::5])
        for p in patterns.PATTERNS
        if i % 2 or p != "bidir"
    ]
    reports = [patterns.pattern_report(p, cfg, SEQ_LEN, n, C, 0, "en") for p, cfg, n in cases]
    script = "\n".join(f"print('case {i}')\n" + patterns.snippet(r) for i, r in enumerate(reports))
    out = subprocess.run(
        [sys.executable, "-"], input=script, capture_output=True, text=True, check=True, timeout=300
    )
    blocks = out.stdout.split("case ")[1:]
    assert len(blocks) == len(reports)
    for block, report in zip(blocks, reports, strict=True):
        shapes, checks, leak = {}, [], {}
        for line in block.splitlines()[1:]:
            name, _, rest = line.partition(" ")
            if name == "loss_value":
                assert float(rest) == pytest.approx(report.loss_value, rel=1e-5, abs=1e-6)
            elif name == "check":
                checks.append(float(rest))
            elif name.startswith("leak_"):
                leak[name[5:]] = float(rest)
            else:
                shapes[name] = ast.literal_eval(rest)
        assert shapes == {r.name: r.shape for r in report.rows}
        assert checks == pytest.approx([d for _, d in report.checks], abs=1e-6)
        assert leak.keys() == report.leak.keys()
        assert all(leak[k] == pytest.approx(v, abs=1e-6) for k, v in report.leak.items())


@pytest.mark.parametrize("classes", [0, 1, 33, 2.5, "5", True, None])
def test_class_counts_outside_the_range_are_refused_with_the_range(classes):
    with pytest.raises(ex.ConfigError) as err:
        patterns.pattern_report("many_to_one", ex.RNNConfig("LSTM", 2, 3), 3, 2, classes)
    assert err.value.field == "classes"
    for lang in i18n.LANGS:
        assert "2" in err.value.localized(lang) and "32" in err.value.localized(lang)


def test_unknown_pattern_is_refused():
    with pytest.raises(ex.ConfigError) as err:
        patterns.pattern_report("many_to_few", ex.RNNConfig("LSTM", 2, 3), 3, 2)
    assert err.value.field == "pattern"


def test_large_settings_are_refused_with_smaller_ones_that_fit():
    cfg = ex.RNNConfig("LSTM", 10, 256, 3, bidirectional=True)
    with pytest.raises(BudgetError) as err:
        patterns.pattern_report("seq2seq", cfg, 200, 32)
    assert err.value.kind == "patterns" and 1 <= len(err.value.options)
    for option in err.value.options:
        sizes = {"seq_len": 200, "batch_size": 32} | option
        fields = {k: v for k, v in option.items() if k not in ("seq_len", "batch_size")}
        patterns.check("seq2seq", replace(cfg, **fields), sizes["seq_len"], sizes["batch_size"])


def test_a_decoder_too_wide_for_the_limits_is_refused_naming_hidden_size():
    cfg = ex.RNNConfig("RNN", 1, 1024, bidirectional=True)
    with pytest.raises(ex.ConfigError) as err:
        patterns.pattern_report("seq2seq", cfg, 1, 1)
    assert err.value.field == "hidden_size" and "2048" in err.value.localized("zh")
    (option,) = err.value.options  # the widest that fits, offered as a button
    assert option == {"hidden_size": 512}
    patterns.pattern_report("seq2seq", replace(cfg, **option), 1, 1)
    with pytest.raises(ex.ConfigError):
        patterns.decoder_config(replace(cfg, hidden_size=513))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_reverse_direction_with_inactive_relu_still_reads_the_future(lang):
    """The review's case: a bidirectional relu RNN of width 1 whose reverse output at step 0 is 0
    for both inputs. Its change is 0, yet it has read x_1: the page says so and still warns."""
    from streamlit.testing.v1 import AppTest
    from tests_paths import APP

    cfg = ex.RNNConfig("RNN", 10, 1, 1, bidirectional=True, nonlinearity="relu")
    found = None
    for seed in range(20):
        report = patterns.pattern_report("bidir", cfg, 5, 1, seed=seed, lang=lang)
        if report.leak["reverse"] == 0:
            found = seed
            break
    assert found is not None  # torch gives an unchanged reverse output for one of these seeds
    assert patterns.reads_the_future(cfg, "reverse") and not patterns.reads_the_future(cfg, "forward")
    at = AppTest.from_file(str(APP), default_timeout=120)
    query = dict(lang=lang, mode="RNN", nonlinearity="relu", hidden_size="1", bidirectional="true")
    query |= dict(batch_size="1", seed=str(found), pattern="bidir")
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    at.switch_page("views/9_Patterns.py").run()
    assert not at.exception
    assert i18n.t("pat.leak_bidir", lang) in [w.value for w in at.warning]
    assert any(i18n.t("pat.leak_inactive", lang) in m.value for m in at.markdown)
