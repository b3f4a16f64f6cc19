"""The packed-sequences page's claims, computed from real torch."""

import ast
import io
import subprocess
import sys

import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st
from torch.nn.utils.rnn import pack_padded_sequence

import explainer as ex
from explainer import i18n, packed, shapes
from explainer.packed import (
    packed_npz,
    packed_report,
    packed_snippet,
    parse_lengths,
    rows_csv,
    sequences_csv,
)


@given(
    lengths=st.lists(st.integers(1, 8), min_size=1, max_size=6),
    mode=st.sampled_from(["RNN", "LSTM", "GRU"]),
    batch_first=st.booleans(),
    bidirectional=st.booleans(),
    layers=st.integers(1, 2),
)
def test_h_n_is_each_sequences_last_real_step(lengths, mode, batch_first, bidirectional, layers):
    cfg = ex.RNNConfig(mode, 3, 4, layers, bidirectional=bidirectional, batch_first=batch_first)
    report = packed_report(cfg, lengths, enforce_sorted=False)
    assert report.torch_error is None
    longest = max(lengths)
    for c in report.checks:
        assert c.h_n_vs_last_valid < 1e-12
        if c.length == longest:
            assert c.h_n_vs_padded_last < 1e-12  # a full-length sequence: no padding was read
        else:
            assert c.h_n_vs_padded_last > 1e-9  # a short one: output at the last step has run over padding
        if bidirectional:  # the reverse direction ends at t = 0 of each sequence
            assert c.reverse_vs_first < 1e-12
        else:
            assert c.reverse_vs_first is None and c.reverse_vs_padded_last is None


@given(lengths=st.lists(st.integers(1, 8), min_size=1, max_size=6))
def test_fields_are_torchs(lengths):
    cfg = ex.RNNConfig("GRU", 2, 3)
    report = packed_report(cfg, lengths, enforce_sorted=False)
    packed = pack_padded_sequence(
        torch.zeros(max(lengths), len(lengths), 2), torch.tensor(lengths), enforce_sorted=False
    )
    assert report.batch_sizes == packed.batch_sizes.tolist()
    assert report.sorted_indices == packed.sorted_indices.tolist()
    assert report.unsorted_indices == packed.unsorted_indices.tolist()
    assert report.data_shape == (sum(lengths), 2)
    # every real step has one row of .data, padding none, rows 0..sum-1 each once
    cells = [r for row in report.rows for r in row if r is not None]
    assert sorted(cells) == list(range(sum(lengths)))
    for b, n in enumerate(lengths):
        assert all(report.rows[t][b] is not None for t in range(n))
        assert all(report.rows[t][b] is None for t in range(n, max(lengths)))


def test_enforce_sorted_refusal_is_torchs_message():
    report = packed_report(ex.RNNConfig("LSTM", 2, 3), [2, 5, 3], enforce_sorted=True)
    assert report.torch_error and "sorted in decreasing order" in report.torch_error


@pytest.mark.parametrize(
    "text, expected",
    [("5, 3, 2", [5, 3, 2]), ("5 3 2", [5, 3, 2]), ("[4,4]", [4, 4]), ("５，３、２", [5, 3, 2])],
)
def test_lengths_parse(text, expected):
    assert parse_lengths(text) == expected


@pytest.mark.parametrize("text", ["", "x", "0, 2", "49", ",".join(["1"] * 13), "1" * 200, "¹", "2, ²"])
def test_bad_lengths_are_refused_with_the_rule(text):
    with pytest.raises(ex.ConfigError) as err:
        parse_lengths(text)
    assert err.value.field == "lengths" and "48" in err.value.localized("zh")


@given(text=st.text(max_size=130))
def test_any_lengths_text_parses_or_is_refused_with_the_rule(text):
    try:
        lengths = parse_lengths(text)
    except ex.ConfigError as err:
        assert err.field == "lengths"
    else:
        assert 1 <= len(lengths) <= 12 and all(1 <= n <= 48 for n in lengths)


@given(
    lengths=st.lists(st.integers(1, 8), min_size=1, max_size=6),
    batch_first=st.booleans(),
    enforce_sorted=st.booleans(),
)
def test_each_row_of_data_is_the_step_torch_put_there(lengths, batch_first, enforce_sorted):
    if enforce_sorted:
        lengths = sorted(lengths, reverse=True)
    cfg = ex.RNNConfig("RNN", 2, 3, batch_first=batch_first)
    report = packed_report(cfg, lengths, enforce_sorted)
    a = report.arrays
    packed = pack_padded_sequence(
        torch.from_numpy(a["padded_input"]),
        torch.tensor(lengths),
        batch_first=batch_first,
        enforce_sorted=enforce_sorted,
    )
    assert np.array_equal(a["data"], packed.data.numpy())
    assert report.batch_sizes == packed.batch_sizes.tolist()
    time_first = a["padded_input"].swapaxes(0, 1) if batch_first else a["padded_input"]
    for r, (step, b) in enumerate(zip(report.data_t, report.data_sequence, strict=True)):
        assert step < lengths[b]  # a real step, never padding
        assert np.array_equal(a["data"][r], time_first[step, b])
    # the rows of step t are consecutive, batch_sizes[t] of them, longest sequences first
    assert report.data_t == [s for s, n in enumerate(report.batch_sizes) for _ in range(n)]
    order = report.sorted_indices or list(range(len(lengths)))
    first = 0
    for n in report.batch_sizes:
        assert report.data_sequence[first : first + n] == order[:n]
        first += n


def test_exported_numbers_are_the_reports():
    cfg = ex.RNNConfig("LSTM", 3, 4, 2, bidirectional=True)
    report = packed_report(cfg, [2, 5, 3], enforce_sorted=False, seed=3)
    arrays = np.load(io.BytesIO(packed_npz(report)))
    assert arrays["batch_sizes"].tolist() == report.batch_sizes == [3, 3, 2, 1, 1]
    assert arrays["sorted_indices"].tolist() == report.sorted_indices == [1, 2, 0]
    assert arrays["unsorted_indices"].tolist() == report.unsorted_indices == [2, 0, 1]
    assert arrays["lengths"].tolist() == [2, 5, 3]
    assert arrays["h_n"].shape == (4, 3, 4) and arrays["c_n"].shape == (4, 3, 4)
    assert arrays["data"].shape == (10, 3) and arrays["output_unpacked"].shape == (5, 3, 8)
    assert arrays["h_n_vs_padded_last"].tolist() == [c.h_n_vs_padded_last for c in report.checks]
    rows = rows_csv(report).splitlines()
    assert rows[0] == "row,t,sequence,batch_size_at_t" and len(rows) == 1 + 10
    assert rows[1:4] == ["0,0,1,3", "1,0,2,3", "2,0,0,3"]  # step 0: longest first
    assert rows[-1] == "9,4,1,1"
    seqs = sequences_csv(report).splitlines()
    assert seqs[0] == (
        "i,length,sorted_indices,unsorted_indices,h_n_vs_last_valid,h_n_vs_padded_last,"
        "reverse_vs_first,reverse_vs_padded_last"
    )
    i, length, s, u, valid, padded, rev_first, rev_padded = seqs[1].split(",")
    assert (i, length, s, u) == ("0", "2", "1", "2")
    assert float(valid) == report.checks[0].h_n_vs_last_valid
    assert float(padded) == report.checks[0].h_n_vs_padded_last
    assert float(rev_first) == report.checks[0].reverse_vs_first
    assert float(rev_padded) == report.checks[0].reverse_vs_padded_last
    assert arrays["reverse_vs_first"].tolist() == [c.reverse_vs_first for c in report.checks]
    sorted_report = packed_report(cfg, [5, 3, 2], enforce_sorted=True)
    assert "sorted_indices" not in np.load(io.BytesIO(packed_npz(sorted_report))).files
    assert sequences_csv(sorted_report).splitlines()[1].startswith("0,5,,,")


SNIPPET_CASES = [
    (ex.RNNConfig("RNN", 3, 4), [2, 5, 3], False),
    (ex.RNNConfig("GRU", 2, 3, 2, bidirectional=True, batch_first=True), [4, 1, 3, 4], False),
    (ex.RNNConfig("LSTM", 3, 5, 2, bidirectional=True, proj_size=2), [6, 4, 1], True),
    (ex.RNNConfig("LSTM", 2, 4, batch_first=True, dropout=0.5, bias=False), [1, 3], False),
]


def test_packed_snippets_run_and_print_what_the_page_computed():
    """The exported script, run on its own, prints the page's batch_sizes, indices and proof."""
    sources = [packed_snippet(cfg, lengths, sort, seed=7) for cfg, lengths, sort in SNIPPET_CASES]
    script = "\n".join(f"print('case {i}')\nexec({src!r}, {{}})" for i, src in enumerate(sources))
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=300
    )
    blocks = out.stdout.split("case ")[1:]
    assert len(blocks) == len(SNIPPET_CASES)
    for block, (cfg, lengths, sort) in zip(blocks, SNIPPET_CASES, strict=True):
        report = packed_report(cfg, lengths, sort, seed=7)
        printed = {}
        proof = []
        for line in block.splitlines()[1:]:
            name, _, rest = line.partition(" ")
            if name == "sequence":
                words = (
                    rest.split()
                )  # 'b length n h_n_vs_last_valid v h_n_vs_padded_last w [reverse_... x ...]'
                reverse = (float(words[8]), float(words[10])) if cfg.D == 2 else (None, None)
                proof.append((int(words[0]), int(words[2]), float(words[4]), float(words[6]), *reverse))
            else:
                printed[name] = ast.literal_eval(rest)  # tuples, lists and None
        assert printed["data"] == report.data_shape
        assert printed["batch_sizes"] == report.batch_sizes
        assert printed["sorted_indices"] == report.sorted_indices
        assert printed["unsorted_indices"] == report.unsorted_indices
        assert len(proof) == len(report.checks)
        for (b, n, valid, padded, rev_first, rev_padded), c in zip(proof, report.checks, strict=True):
            assert (b, n) == (c.index, c.length)
            assert valid == pytest.approx(c.h_n_vs_last_valid, rel=1e-9, abs=1e-15)
            assert padded == pytest.approx(c.h_n_vs_padded_last, rel=1e-9, abs=1e-15)
            if cfg.D == 2:
                assert rev_first == pytest.approx(c.reverse_vs_first, rel=1e-9, abs=1e-15)
                assert rev_padded == pytest.approx(c.reverse_vs_padded_last, rel=1e-9, abs=1e-15)
            else:
                assert c.reverse_vs_first is None and c.reverse_vs_padded_last is None


def unpacked_output(cfg, report):
    """The padded batch run again, unpacked, by a fresh module with the page's weights (module layout)."""
    from explainer.run import build_module

    module = build_module(cfg, 0, "cpu").double()
    with torch.no_grad():
        output, _ = module(torch.from_numpy(report.arrays["padded_input"]))
    return output


@pytest.mark.parametrize("batch_first", [False, True])
@pytest.mark.parametrize("bidirectional", [False, True])
def test_the_last_step_label_follows_the_layout_and_is_the_column_torch_gives(batch_first, bidirectional):
    """`output[-1]` time-first, `output[:, -1]` batch_first: the label, evaluated on the real
    output, is exactly what column 2 (and 4) measures against h_n."""
    cfg = ex.RNNConfig("GRU", 3, 4, 2, bidirectional=bidirectional, batch_first=batch_first)
    report = packed_report(cfg, [5, 3, 2], enforce_sorted=False)
    last = shapes.last_step(cfg)
    assert last == ("output[:, -1]" if batch_first else "output[-1]")
    for lang in i18n.LANGS:
        labels = " ".join([i18n.t("pk.proof", lang, last=last), *packed.proof_columns(cfg, lang)])
        labels += packed.proof_note(cfg, report, lang)
        assert last in labels and ("output[:, -1]" in labels) == batch_first
        assert len(packed.proof_columns(cfg, lang)) == 2 * cfg.D
    at_last = eval(last, {"output": unpacked_output(cfg, report)})  # noqa: S307 - (N, D*H_out)
    h_n = torch.from_numpy(report.arrays["h_n"])
    top, H = (cfg.num_layers - 1) * cfg.D, cfg.H_out
    for c in report.checks:
        assert (at_last[c.index, :H] - h_n[top, c.index]).abs().max().item() == c.h_n_vs_padded_last
        if bidirectional:
            rev = (at_last[c.index, H:] - h_n[top + 1, c.index]).abs().max().item()
            assert rev == c.reverse_vs_padded_last


def test_the_proof_note_says_what_its_own_numbers_show():
    """A ReLU unit at 0 stays 0 over padding: a short sequence can match h_n exactly, and then
    the note says so instead of claiming only full-length sequences do."""
    cfg = ex.RNNConfig("RNN", 3, 2, nonlinearity="relu")
    report = packed_report(cfg, [5, 3, 2], enforce_sorted=False, seed=0)
    # independently of the report: torch's own packed h_n and the unpacked run's last step
    padded = torch.from_numpy(report.arrays["padded_input"])
    from explainer.run import build_module

    module = build_module(cfg, 0, "cpu").double()
    with torch.no_grad():
        _, h_n = module(pack_padded_sequence(padded, torch.tensor([5, 3, 2]), enforce_sorted=False))
    at_last = unpacked_output(cfg, report)[-1]
    equal = [b for b in range(3) if (at_last[b] - h_n[0, b]).abs().max().item() < packed.ZERO]
    assert equal == [0, 2]  # sequence 2 (length 2) matches by the ReLU coincidence
    for lang in i18n.LANGS:
        note = packed.proof_note(cfg, report, lang)
        assert i18n.t("pk.note.zero_only", lang, seqs="0, 2") in note
        assert i18n.t("pk.note.coincidence", lang, seqs="2") in note
        assert i18n.t("pk.note.short_differ", lang) not in note
    tanh = packed_report(ex.RNNConfig("RNN", 3, 2), [5, 3, 2], enforce_sorted=False)
    note = packed.proof_note(ex.RNNConfig("RNN", 3, 2), tanh, "en")
    assert (
        i18n.t("pk.note.zero_only", "en", seqs="0") in note and i18n.t("pk.note.short_differ", "en") in note
    )
    same = packed_report(ex.RNNConfig("LSTM", 3, 2, bidirectional=True), [4, 4], enforce_sorted=False)
    note = packed.proof_note(ex.RNNConfig("LSTM", 3, 2, bidirectional=True), same, "zh")
    assert (
        i18n.t("pk.note.no_padding", "zh") in note
        and i18n.t("pk.note.reverse", "zh", last="output[-1]") in note
    )
