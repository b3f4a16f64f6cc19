"""Packed sequences, computed: what pack_padded_sequence builds and why h_n beats output[:, -1]."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import plotly.graph_objects as go
import torch
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from explainer import budget
from explainer.config import ConfigError, RNNConfig
from explainer.figures import figure
from explainer.messages import t
from explainer.run import build_module
from explainer.shapes import read_int

MAX_SEQUENCES = 12
MAX_LENGTH = 48


def parse_lengths(text: str) -> list[int]:
    """'5, 3, 2' (or '5 3 2', '[5,3,2]') -> [5, 3, 2]; 1-12 lengths, each 1-48."""
    if not isinstance(text, str) or len(text) > 120:
        raise ConfigError("lengths", str(text)[:40], "lengths", n=MAX_SEQUENCES, hi=MAX_LENGTH)
    lengths = [read_int(p) for p in re.split(r"[\s,;，；、]+", text.strip().strip("[]()")) if p]
    in_range = all(n is not None and 1 <= n <= MAX_LENGTH for n in lengths)
    if not in_range or not 1 <= len(lengths) <= MAX_SEQUENCES:
        raise ConfigError("lengths", text[:40], "lengths", n=MAX_SEQUENCES, hi=MAX_LENGTH)
    return lengths


@dataclass(frozen=True)
class SequenceCheck:
    """For sequence b: is its final state h_n, and does output at the padded last step read padding?"""

    index: int
    length: int
    h_n_vs_last_valid: float  # max |h_n - output at t = length - 1| (forward, top layer)
    h_n_vs_padded_last: float  # max |h_n - output[:, -1]| of the same batch run without packing


@dataclass
class PackedReport:
    lengths: list[int]
    padded_shape: tuple[int, ...]
    data_shape: tuple[int, ...] | None = None
    batch_sizes: list[int] = field(default_factory=list)
    sorted_indices: list[int] | None = None
    unsorted_indices: list[int] | None = None
    rows: list[list[int | None]] = field(default_factory=list)  # [t][b] -> row of .data, None = padding
    checks: list[SequenceCheck] = field(default_factory=list)
    torch_error: str | None = None  # torch's own message when it refuses (e.g. unsorted lengths)


def packed_report(cfg: RNNConfig, lengths: list[int], enforce_sorted: bool, seed: int = 0) -> PackedReport:
    """Pack a padded batch of these lengths, run the real module packed and unpacked, compare."""
    L, N = max(lengths), len(lengths)
    budget.check("packed", cfg, L, N, "cpu")  # float64 on the CPU: exact, and never on a busy GPU
    gen = torch.Generator().manual_seed(seed + 1)
    padded = torch.randn(L, N, cfg.input_size, generator=gen, dtype=torch.float64)  # (L, N, H_in)
    for b, n in enumerate(lengths):
        padded[n:, b] = 0.0  # padding
    x = padded.transpose(0, 1) if cfg.batch_first else padded
    report = PackedReport(lengths, tuple(x.shape))
    try:
        packed = pack_padded_sequence(
            x, torch.tensor(lengths), batch_first=cfg.batch_first, enforce_sorted=enforce_sorted
        )
    except RuntimeError as err:
        report.torch_error = str(err)
        return report
    report.data_shape = tuple(packed.data.shape)
    report.batch_sizes = packed.batch_sizes.tolist()
    if packed.sorted_indices is not None:
        report.sorted_indices = packed.sorted_indices.tolist()
        report.unsorted_indices = packed.unsorted_indices.tolist()
    order = report.sorted_indices or list(range(N))  # packed column k is original sequence order[k]
    rows: list[list[int | None]] = [[None] * N for _ in range(L)]
    r = 0
    for step, count in enumerate(report.batch_sizes):
        for k in range(count):
            rows[step][order[k]] = r
            r += 1
    report.rows = rows
    module = build_module(cfg, seed, "cpu").double()
    with torch.no_grad():
        out_p, states_p = module(packed)
        out_u, _ = module(x)  # the same padded batch, not packed
    h_n = states_p[0] if isinstance(states_p, tuple) else states_p
    padded_out, _ = pad_packed_sequence(out_p, batch_first=cfg.batch_first)
    time_first = padded_out.transpose(0, 1) if cfg.batch_first else padded_out  # (L, N, D*H_out)
    unpacked = out_u.transpose(0, 1) if cfg.batch_first else out_u
    top_forward = h_n[(cfg.num_layers - 1) * cfg.D]  # (N, H_out)
    H = cfg.H_out
    for b, n in enumerate(lengths):
        last_valid = (time_first[n - 1, b, :H] - top_forward[b]).abs().max().item()
        padded_last = (unpacked[L - 1, b, :H] - top_forward[b]).abs().max().item()
        report.checks.append(SequenceCheck(b, n, last_valid, padded_last))
    return report


def packed_figure(report: PackedReport, lang: str) -> go.Figure:
    """The padded batch (time x sequence): each valid cell labelled with its row in .data."""
    L, N = len(report.rows), len(report.lengths)
    z = [[(0 if report.rows[s][b] is None else 1) for b in range(N)] for s in range(L)]
    text = [["" if report.rows[s][b] is None else str(report.rows[s][b]) for b in range(N)] for s in range(L)]
    heat = dict(
        type="heatmap",
        z=z,
        text=text,
        texttemplate="%{text}",
        colorscale=[[0, "#eeeeee"], [1, "#9ecae1"]],
        showscale=False,
        x=[f"{t('pk.seq', lang)} {b} (L={n})" for b, n in enumerate(report.lengths)],
        y=list(range(L)),
        hovertemplate=t("pk.hover", lang) + "<extra></extra>",
        xgap=2,
        ygap=2,
    )
    layout = dict(
        yaxis=dict(title=dict(text="t"), autorange="reversed"),
        height=120 + 26 * L,
        margin=dict(l=10, r=10, t=30, b=40),
    )
    return figure([heat], layout)
