"""Packed sequences, computed: what pack_padded_sequence builds and why h_n beats output at the last step."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

import numpy as np
import plotly.graph_objects as go
import torch
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from explainer import budget
from explainer.config import ConfigError, RNNConfig
from explainer.figures import figure
from explainer.i18n import t
from explainer.run import build_module
from explainer.shapes import init_bound, last_step, read_int
from explainer.snippet import constructor_call

MAX_SEQUENCES = 12
MAX_LENGTH = 48
ZERO = 1e-12  # float64: a distance below this is 0 to rounding (the proof's "equal")


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
    """For sequence b: is its final state h_n, and does output at the padded last step read padding?

    The forward direction of the top layer; for a bidirectional module also the reverse one,
    which ends at t = 0 (None without one).
    """

    index: int
    length: int
    h_n_vs_last_valid: float  # max |h_n - output at t = length - 1| (forward, top layer)
    h_n_vs_padded_last: float  # max |h_n - output at the padded last step| without packing (forward)
    reverse_vs_first: float | None = None  # max |h_n reverse - output at t = 0, reverse half| (packed)
    reverse_vs_padded_last: float | None = None  # max |h_n reverse - reverse half at the padded last step|


@dataclass
class PackedReport:
    lengths: list[int]
    padded_shape: tuple[int, ...]
    data_shape: tuple[int, ...] | None = None
    batch_sizes: list[int] = field(default_factory=list)
    sorted_indices: list[int] | None = None
    unsorted_indices: list[int] | None = None
    rows: list[list[int | None]] = field(default_factory=list)  # [t][b] -> row of .data, None = padding
    data_sequence: list[int] = field(default_factory=list)  # row r of .data is a step of this sequence
    data_t: list[int] = field(default_factory=list)  # ... at this time step
    checks: list[SequenceCheck] = field(default_factory=list)
    torch_error: str | None = None  # torch's own message when it refuses (e.g. unsorted lengths)
    arrays: dict[str, np.ndarray] = field(default_factory=dict)  # the numbers behind it, for the exports


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

    def pack(tensor: torch.Tensor):
        return pack_padded_sequence(
            tensor, torch.tensor(lengths), batch_first=cfg.batch_first, enforce_sorted=enforce_sorted
        )

    try:
        packed = pack(x)
    except RuntimeError as err:
        report.torch_error = str(err)
        return report
    report.data_shape = tuple(packed.data.shape)
    report.batch_sizes = packed.batch_sizes.tolist()
    if packed.sorted_indices is not None:
        report.sorted_indices = packed.sorted_indices.tolist()
        report.unsorted_indices = packed.unsorted_indices.tolist()
    # Where each step lands in .data, as torch places it: pack each cell's own (t, b) label.
    labels = torch.stack(torch.meshgrid(torch.arange(L), torch.arange(N), indexing="ij"), -1)  # (L, N, 2)
    placed = pack(labels.transpose(0, 1) if cfg.batch_first else labels).data  # (sum(lengths), 2)
    report.data_t, report.data_sequence = placed[:, 0].tolist(), placed[:, 1].tolist()
    rows: list[list[int | None]] = [[None] * N for _ in range(L)]
    for r, (step, b) in enumerate(zip(report.data_t, report.data_sequence, strict=True)):
        rows[step][b] = r
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
        reverse = {}
        if cfg.D == 2:  # the reverse direction reads t = n-1 down to 0: its final state is at t = 0
            top_reverse = h_n[(cfg.num_layers - 1) * cfg.D + 1]  # (N, H_out)
            reverse = dict(
                reverse_vs_first=(time_first[0, b, H:] - top_reverse[b]).abs().max().item(),
                reverse_vs_padded_last=(unpacked[L - 1, b, H:] - top_reverse[b]).abs().max().item(),
            )
        report.checks.append(SequenceCheck(b, n, last_valid, padded_last, **reverse))
    report.arrays = {
        "lengths": np.array(lengths),
        "padded_input": x.numpy(),  # in the module's layout (batch_first as set)
        "data": packed.data.numpy(),  # PackedSequence.data, (sum(lengths), H_in)
        "data_sequence": np.array(report.data_sequence),
        "data_t": np.array(report.data_t),
        "batch_sizes": packed.batch_sizes.numpy(),
        "h_n": h_n.numpy(),  # (D*num_layers, N, H_out), packed run
        "output_packed": time_first.numpy(),  # (L, N, D*H_out), padded back, zeros after each end
        "output_unpacked": unpacked.numpy(),  # (L, N, D*H_out), the padded batch run without packing
        "h_n_vs_last_valid": np.array([c.h_n_vs_last_valid for c in report.checks]),
        "h_n_vs_padded_last": np.array([c.h_n_vs_padded_last for c in report.checks]),
    }
    if cfg.D == 2:
        report.arrays |= {
            "reverse_vs_first": np.array([c.reverse_vs_first for c in report.checks]),
            "reverse_vs_padded_last": np.array([c.reverse_vs_padded_last for c in report.checks]),
        }
    if report.sorted_indices is not None:
        report.arrays |= {
            "sorted_indices": packed.sorted_indices.numpy(),
            "unsorted_indices": packed.unsorted_indices.numpy(),
        }
    if isinstance(states_p, tuple):
        report.arrays["c_n"] = states_p[1].numpy()
    return report


def _zero_phrase(distances: list[float], lang: str) -> str:
    """'is 0 for every sequence' / 'only for sequence 0, 2' / 'not for any', from the distances."""
    zero = [b for b, d in enumerate(distances) if d < ZERO]
    if len(zero) == len(distances):
        return t("pk.note.zero_every", lang)
    if not zero:
        return t("pk.note.zero_none", lang)
    return t("pk.note.zero_only", lang, seqs=", ".join(map(str, zero)))


def proof_columns(cfg: RNNConfig, lang: str) -> list[str]:
    """The proof table's distance columns (two per direction), labelled in the module's layout."""
    last = last_step(cfg)
    fwd = t("pk.col.forward", lang) if cfg.D == 2 else ""
    columns = [t("pk.col.valid", lang, fwd=fwd), t("pk.col.padded", lang, fwd=fwd, last=last)]
    if cfg.D == 2:
        columns += [t("pk.col.rev_first", lang), t("pk.col.rev_padded", lang, last=last)]
    return columns


def proof_note(cfg: RNNConfig, report: PackedReport, lang: str) -> str:
    """What the proof table shows, read from its own numbers: true whatever they turn out to be."""
    checks, L = report.checks, max(report.lengths)
    last = last_step(cfg)
    valid = [c.h_n_vs_last_valid for c in checks]
    padded = [c.h_n_vs_padded_last for c in checks]
    parts = [t("pk.note.col", lang, col="①", zero=_zero_phrase(valid, lang))]
    if all(d < ZERO for d in valid):
        parts.append(t("pk.note.valid", lang))
    short = [c.index for c in checks if c.length < L]
    ran_on = t("pk.note.padded", lang, L=L, last=last, t=L - 1) if short else t("pk.note.no_padding", lang)
    parts.append(ran_on)
    parts.append(t("pk.note.col", lang, col="②", zero=_zero_phrase(padded, lang)))
    lucky = [b for b in short if padded[b] < ZERO]
    if lucky:
        parts.append(t("pk.note.coincidence", lang, seqs=", ".join(map(str, lucky))))
    elif short:
        parts.append(t("pk.note.short_differ", lang))
    if cfg.D == 2:
        parts.append(t("pk.note.reverse", lang, last=last))
        rev_first = [c.reverse_vs_first for c in checks]
        rev_padded = [c.reverse_vs_padded_last for c in checks]
        parts.append(t("pk.note.col", lang, col="③", zero=_zero_phrase(rev_first, lang)))
        parts.append(t("pk.note.col", lang, col="④", zero=_zero_phrase(rev_padded, lang)))
    return (" " if lang == "en" else "").join(parts)


def packed_npz(report: PackedReport) -> bytes:
    """Every number of the page as .npz: lengths, .data, batch_sizes, the indices, h_n, both outputs."""
    buf = io.BytesIO()
    np.savez_compressed(buf, **report.arrays)
    return buf.getvalue()


def rows_csv(report: PackedReport) -> str:
    """PackedSequence.data row by row: its time step, the sequence it comes from, batch_sizes[t]."""
    lines = ["row,t,sequence,batch_size_at_t"]
    lines += [
        f"{r},{step},{b},{report.batch_sizes[step]}"
        for r, (step, b) in enumerate(zip(report.data_t, report.data_sequence, strict=True))
    ]
    return "\n".join(lines) + "\n"


def sequences_csv(report: PackedReport) -> str:
    """One row per sequence: its length, sorted_indices[i] and unsorted_indices[i] (empty without
    reordering), and the two distances of the proof."""
    bidirectional = bool(report.checks) and report.checks[0].reverse_vs_first is not None
    header = "i,length,sorted_indices,unsorted_indices,h_n_vs_last_valid,h_n_vs_padded_last"
    lines = [header + (",reverse_vs_first,reverse_vs_padded_last" if bidirectional else "")]
    for i, c in enumerate(report.checks):
        s = "" if report.sorted_indices is None else report.sorted_indices[i]
        u = "" if report.unsorted_indices is None else report.unsorted_indices[i]
        line = f"{i},{c.length},{s},{u},{c.h_n_vs_last_valid:.17g},{c.h_n_vs_padded_last:.17g}"
        if bidirectional:
            line += f",{c.reverse_vs_first:.17g},{c.reverse_vs_padded_last:.17g}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def packed_snippet(cfg: RNNConfig, lengths: list[int], enforce_sorted: bool, seed: int = 0) -> str:
    """Python source that rebuilds the page: the padded batch of these lengths, pack_padded_sequence
    as set, the module with the app's weights (float64), and the h_n vs last-step proof."""
    L, N = max(lengths), len(lengths)
    var = cfg.mode.lower()
    H = cfg.H_out
    row = (cfg.num_layers - 1) * cfg.D
    bf = cfg.batch_first
    states = "(h_n, c_n)" if cfg.mode == "LSTM" else "h_n"
    lines = [
        "import torch",
        "from torch import nn",
        "from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence",
        "",
        f"lengths = {list(lengths)}",
        f"{var} = {constructor_call(cfg)}",
        f"{var}.eval()",
        "# The app's weights: U(-k, k) with k = 1/sqrt(hidden_size) as in torch's init, seeded;",
        "# then float64, so that 'the same' means equal to rounding",
        f"weights = torch.Generator().manual_seed({seed})",
        f"k = {init_bound(cfg)!r}",
        "with torch.no_grad():",
        f"    for p in {var}.parameters():",
        "        p.uniform_(-k, k, generator=weights)",
        f"{var} = {var}.double()",
        "",
        "# The padded batch: random real steps, zeros after each sequence's end",
        f"data = torch.Generator().manual_seed({seed + 1})",
        f"padded = torch.randn({L}, {N}, {cfg.input_size}, generator=data, dtype=torch.float64)"
        "  # (L, N, H_in)",
        "for b, n in enumerate(lengths):",
        "    padded[n:, b] = 0.0",
    ]
    if bf:
        lines.append("x = padded.transpose(0, 1)  # (N, L, H_in): batch_first=True")
    else:
        lines.append("x = padded  # (L, N, H_in)")
    lines += [
        "packed = pack_padded_sequence(",
        f"    x, torch.tensor(lengths), batch_first={bf}, enforce_sorted={enforce_sorted}",
        ")",
        'print("data", tuple(packed.data.shape))  # (sum(lengths), H_in): only the real steps',
        'print("batch_sizes", packed.batch_sizes.tolist())  # sequences still running at each step',
        "# enforce_sorted=False: the longest-first order torch runs them in, and the way back to yours,",
        "# which the module has already taken: h_n below is in your order (do not index it again)",
        'for name in ("sorted_indices", "unsorted_indices"):',
        "    indices = getattr(packed, name)",
        "    print(name, None if indices is None else indices.tolist())",
        "",
        "with torch.no_grad():",
        f"    out_packed, {states} = {var}(packed)",
        f"    out_unpacked, _ = {var}(x)  # the same padded batch, not packed",
        f"output, _ = pad_packed_sequence(out_packed, batch_first={bf})",
    ]
    if bf:
        lines += [
            "output_tf = output.transpose(0, 1)  # (L, N, D*H_out)",
            "unpacked_tf = out_unpacked.transpose(0, 1)  # (L, N, D*H_out)",
        ]
    else:
        lines += ["output_tf, unpacked_tf = output, out_unpacked  # (L, N, D*H_out)"]
    last = last_step(cfg)
    lines += [
        f"top = h_n[{row}]  # the last layer's forward direction, (N, H_out)",
        f"# h_n is each sequence's own last real step; {last} without packing has run over padding",
        "for b, n in enumerate(lengths):",
        f"    last_valid = (output_tf[n - 1, b, :{H}] - top[b]).abs().max().item()",
        f"    padded_last = (unpacked_tf[-1, b, :{H}] - top[b]).abs().max().item()  # {last}",
        '    print("sequence", b, "length", n, end=" ")',
        '    print("h_n_vs_last_valid", last_valid, "h_n_vs_padded_last", padded_last, end=" ")',
    ]
    if cfg.D == 2:
        lines += [
            f"    top_reverse = h_n[{row + 1}]  # the reverse direction ends at t = 0",
            f"    reverse_first = (output_tf[0, b, {H}:] - top_reverse[b]).abs().max().item()",
            f"    reverse_padded_last = (unpacked_tf[-1, b, {H}:] - top_reverse[b]).abs().max().item()",
            '    print("reverse_vs_first", reverse_first, end=" ")',
            '    print("reverse_vs_padded_last", reverse_padded_last, end="")',
        ]
    lines.append("    print()")
    return "\n".join(lines) + "\n"


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
