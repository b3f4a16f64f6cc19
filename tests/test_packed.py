"""The packed-sequences page's claims, computed from real torch."""

import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st
from torch.nn.utils.rnn import pack_padded_sequence

import explainer as ex
from explainer.packed import packed_report, parse_lengths


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
            assert c.h_n_vs_padded_last > 1e-9  # a short one: output[:, -1] has run over padding


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
