"""PyTorch's equations in LaTeX, and one timestep with the actual numbers substituted."""

from __future__ import annotations

from dataclasses import dataclass, field

import torch

from explainer import manual
from explainer.config import RNNConfig
from explainer.inside import TraceReport
from explainer.run import build_module
from explainer.setting import DTYPES
from explainer.sources import source

# PyTorch's documented equations (nn.RNN / nn.LSTM / nn.GRU), in its own symbols.
LATEX = {
    "RNN": [r"h_t = \tanh(x_t W_{ih}^T + b_{ih} + h_{t-1} W_{hh}^T + b_{hh})"],
    "LSTM": [
        r"i_t = \sigma(W_{ii} x_t + b_{ii} + W_{hi} h_{t-1} + b_{hi})",
        r"f_t = \sigma(W_{if} x_t + b_{if} + W_{hf} h_{t-1} + b_{hf})",
        r"g_t = \tanh(W_{ig} x_t + b_{ig} + W_{hg} h_{t-1} + b_{hg})",
        r"o_t = \sigma(W_{io} x_t + b_{io} + W_{ho} h_{t-1} + b_{ho})",
        r"c_t = f_t \odot c_{t-1} + i_t \odot g_t",
        r"h_t = o_t \odot \tanh(c_t)",
    ],
    "GRU": [
        r"r_t = \sigma(W_{ir} x_t + b_{ir} + W_{hr} h_{t-1} + b_{hr})",
        r"z_t = \sigma(W_{iz} x_t + b_{iz} + W_{hz} h_{t-1} + b_{hz})",
        r"n_t = \tanh(W_{in} x_t + b_{in} + r_t \odot (W_{hn} h_{t-1} + b_{hn}))",
        r"h_t = (1 - z_t) \odot n_t + z_t \odot h_{t-1}",
    ],
}
PROJ_LATEX = r"h_t = W_{hr}\,(o_t \odot \tanh(c_t))"
ACT = {"i": r"\sigma", "f": r"\sigma", "g": r"\tanh", "o": r"\sigma", "r": r"\sigma", "z": r"\sigma"}


def equations(cfg: RNNConfig) -> list[str]:
    """The equations for this config: relu for an RNN that uses it, the projection for proj_size."""
    eqs = list(LATEX[cfg.mode])
    if cfg.mode == "RNN" and cfg.nonlinearity == "relu":
        eqs = [eqs[0].replace(r"\tanh", r"\mathrm{ReLU}")]
    if cfg.proj_size:
        eqs[-1] = PROJ_LATEX
    if not cfg.bias:
        eqs = [e.replace(" + b_{hn}", "").replace("b_{hn}", "") for e in eqs]
        for tag in ("ih", "hh", "ii", "if", "ig", "io", "hi", "hf", "hg", "ho", "ir", "iz", "in", "hr", "hz"):
            eqs = [e.replace(f" + b_{{{tag}}}", "") for e in eqs]
    return eqs


def step_source(cfg: RNNConfig) -> str:
    """The source of the function that computed every step shown: the code on screen is the code that ran."""
    fn = {"RNN": manual.rnn_step, "LSTM": manual.lstm_step, "GRU": manual.gru_step}[cfg.mode]
    return source(fn)


# --- numbers -------------------------------------------------------------------------------

MAX_FULL = 6  # vectors up to this length, matrices up to this many rows and columns, in full


def _num(v: float) -> str:
    return f"{v:.4f}"


def vector_latex(v: torch.Tensor) -> str:
    """A column vector; long ones as head, dots and tail, with the length noted."""
    vals = v.double().tolist()
    if len(vals) <= MAX_FULL:
        rows = [_num(a) for a in vals]
    else:
        rows = [_num(a) for a in vals[:3]] + [r"\vdots"] + [_num(vals[-1])]
    body = r" \\ ".join(rows)
    note = "" if len(vals) <= MAX_FULL else rf"_{{({len(vals)})}}"
    return rf"\begin{{bmatrix}} {body} \end{{bmatrix}}{note}"


def matrix_latex(m: torch.Tensor) -> str:
    """A matrix; large ones as a 3x3 excerpt with dots, and the shape noted."""
    rows, cols = m.shape
    vals = m.double().tolist()
    if rows <= MAX_FULL and cols <= MAX_FULL:
        body = r" \\ ".join(" & ".join(_num(a) for a in row) for row in vals)
        return rf"\begin{{bmatrix}} {body} \end{{bmatrix}}"
    r_idx = list(range(min(rows, 3)))
    c_idx = list(range(min(cols, 3)))
    lines = []
    for r in r_idx:
        cells = [_num(vals[r][c]) for c in c_idx] + ([r"\cdots"] if cols > 3 else [])
        lines.append(" & ".join(cells))
    if rows > 3:
        lines.append(" & ".join([r"\vdots"] * len(c_idx) + ([r"\ddots"] if cols > 3 else [])))
    body = r" \\ ".join(lines)
    return rf"\begin{{bmatrix}} {body} \end{{bmatrix}}_{{{rows}\times{cols}}}"


@dataclass
class Term:
    """One named operand or result of the step: LaTeX name, value, and its LaTeX rendering."""

    name: str
    value: torch.Tensor
    latex: str


@dataclass
class StepDetail:
    """One timestep of one layer, direction and batch item, recomputed from the weights."""

    layer: int
    direction: int
    t: int
    item: int
    prev_t: int | None  # where h_{t-1} comes from (None: the initial state, zeros)
    operands: list[Term] = field(default_factory=list)  # x_t, h_{t-1}, c_{t-1}, weights
    results: list[tuple[str, str, Term]] = field(default_factory=list)  # (lhs, rhs latex, value)
    max_diff_to_trace: float = 0.0  # recomputed step vs the traced numbers


def step_detail(report: TraceReport, layer: int, direction: int, t: int, item: int) -> StepDetail:
    """The chosen step's operands and results, with the numbers, recomputed from the module's weights."""
    cfg, tr = report.cfg, report.trace
    module = build_module(cfg, report.seed, "cpu").to(DTYPES[report.dtype])
    sfx = f"_l{layer}" + ("_reverse" if direction else "")
    H, D, L = cfg.hidden_size, cfg.D, tr.h.shape[2]
    x_all = report.data.x
    if layer == 0:
        if x_all.dim() == 2:
            x_t = x_all[t]
        else:
            x_t = x_all[item, t] if cfg.batch_first else x_all[t, item]  # (H_in,)
    else:
        x_t = torch.cat([tr.h[layer - 1, d, t, item] for d in range(D)])  # (D*H_out,)
    prev_t = t - 1 if direction == 0 else t + 1
    prev_t = prev_t if 0 <= prev_t < L else None
    h_prev = tr.h[layer, direction, prev_t, item] if prev_t is not None else torch.zeros(cfg.H_out)
    h_prev = h_prev.to(x_t.dtype)

    def w(name: str) -> torch.Tensor | None:
        p = getattr(module, name + sfx, None)
        return None if p is None else p.detach()

    w_ih, w_hh, b_ih, b_hh, w_hr = (
        w(n) for n in ("weight_ih", "weight_hh", "bias_ih", "bias_hh", "weight_hr")
    )
    detail = StepDetail(layer, direction, t, item, prev_t)
    x_name = "x_t" if layer == 0 else rf"x_t = h^{{({layer - 1})}}_t"
    detail.operands += [Term(x_name, x_t, vector_latex(x_t)), Term("h_{t-1}", h_prev, vector_latex(h_prev))]
    gi = x_t @ w_ih.T + (b_ih if b_ih is not None else 0)  # (G*H,)
    gh = h_prev @ w_hh.T + (b_hh if b_hh is not None else 0)  # (G*H,)
    mine: dict[str, torch.Tensor] = {}
    if cfg.mode == "RNN":
        detail.operands += [
            Term("W_{ih}", w_ih, matrix_latex(w_ih)),
            Term("W_{hh}", w_hh, matrix_latex(w_hh)),
        ]
        pre = gi + gh
        h_t = torch.relu(pre) if cfg.nonlinearity == "relu" else torch.tanh(pre)
        act = r"\mathrm{ReLU}" if cfg.nonlinearity == "relu" else r"\tanh"
        detail.results.append(
            ("h_t", rf"{act}\left({vector_latex(pre)}\right)", Term("h_t", h_t, vector_latex(h_t)))
        )
        mine["h"] = h_t
    else:
        names = cfg.gates
        gi_parts = dict(zip(names, gi.chunk(cfg.G), strict=True))  # each (H,)
        gh_parts = dict(zip(names, gh.chunk(cfg.G), strict=True))
        for g, block in zip(names, w_ih.chunk(cfg.G), strict=True):
            detail.operands.append(Term(f"W_{{i{g}}}", block, matrix_latex(block)))
        for g, block in zip(names, w_hh.chunk(cfg.G), strict=True):
            detail.operands.append(Term(f"W_{{h{g}}}", block, matrix_latex(block)))
        if cfg.mode == "LSTM":
            c_prev = tr.c[layer, direction, prev_t, item] if prev_t is not None else torch.zeros(H)
            c_prev = c_prev.to(x_t.dtype)
            detail.operands.insert(2, Term("c_{t-1}", c_prev, vector_latex(c_prev)))
            for g in names:
                pre = gi_parts[g] + gh_parts[g]
                val = torch.tanh(pre) if g == "g" else torch.sigmoid(pre)
                mine[g] = val
                detail.results.append(
                    (
                        f"{g}_t",
                        rf"{ACT[g]}\left({vector_latex(pre)}\right)",
                        Term(f"{g}_t", val, vector_latex(val)),
                    )
                )
            c_t = mine["f"] * c_prev + mine["i"] * mine["g"]
            detail.results.append(
                ("c_t", r"f_t \odot c_{t-1} + i_t \odot g_t", Term("c_t", c_t, vector_latex(c_t)))
            )
            h_t = mine["o"] * torch.tanh(c_t)
            rhs = r"o_t \odot \tanh(c_t)"
            if w_hr is not None:
                detail.operands.append(Term("W_{hr}", w_hr, matrix_latex(w_hr)))
                h_t = h_t @ w_hr.T
                rhs = r"W_{hr}\,(o_t \odot \tanh(c_t))"
            mine["c"] = c_t
        else:  # GRU: b_hn stays inside the reset product
            r = torch.sigmoid(gi_parts["r"] + gh_parts["r"])
            z = torch.sigmoid(gi_parts["z"] + gh_parts["z"])
            n = torch.tanh(gi_parts["n"] + r * gh_parts["n"])
            mine |= {"r": r, "z": z, "n": n}
            for g, val in (("r", r), ("z", z)):
                pre = gi_parts[g] + gh_parts[g]
                detail.results.append(
                    (
                        f"{g}_t",
                        rf"\sigma\left({vector_latex(pre)}\right)",
                        Term(f"{g}_t", val, vector_latex(val)),
                    )
                )
            detail.results.append(
                (
                    "n_t",
                    rf"\tanh\left({vector_latex(gi_parts['n'])} + r_t \odot "
                    rf"{vector_latex(gh_parts['n'])}\right)",
                    Term("n_t", n, vector_latex(n)),
                )
            )
            h_t = (1 - z) * n + z * h_prev
            rhs = r"(1 - z_t) \odot n_t + z_t \odot h_{t-1}"
        detail.results.append(("h_t", rhs, Term("h_t", h_t, vector_latex(h_t))))
        mine["h"] = h_t
    traced = {"h": tr.h[layer, direction, t, item]}
    if tr.c is not None:
        traced["c"] = tr.c[layer, direction, t, item]
    traced |= {g: v[layer, direction, t, item] for g, v in tr.gates.items()}
    detail.max_diff_to_trace = max((mine[k] - traced[k]).abs().max().item() for k in mine)
    return detail
