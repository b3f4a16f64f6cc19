"""Layer 0 as a loop over a real nn.RNNCell / LSTMCell / GRUCell, the way tutorials write it.

The layer's weights are copied into a cell, and the cell is called once per timestep (the
reverse direction loops from the last input to the first). Both sides are real torch: the
loop's result is held against the layer's own output and final states.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn

from explainer import i18n
from explainer.config import RNNConfig
from explainer.inside import traced_setting
from explainer.manual import module_mode
from explainer.setting import Setting, with_cpu_fallback
from explainer.sources import source
from explainer.verify import fan_in_factor, layer_outputs, tolerance, value_scale

Tensor = torch.Tensor


# --- the code the page shows: copy the weights, then loop ------------------------------------


def cell_from_layer(module: nn.Module, direction: int = 0) -> nn.Module:
    """A real nn.RNNCell / LSTMCell / GRUCell holding layer 0's weights of one direction.

    LSTMCell has no proj_size: its W_hh multiplies the H-wide o ⊙ tanh(c). With a projection
    the layer's W_hh (4H, proj_size) reads W_hr h instead, so W_hh W_hr (4H, H) is copied.
    """
    sfx = "_l0" + ("_reverse" if direction else "")  # layer 0; torch names the reverse weights so
    kind = getattr(nn, module_mode(module) + "Cell")
    kwargs = dict(input_size=module.input_size, hidden_size=module.hidden_size, bias=module.bias)
    if kind is nn.RNNCell:
        kwargs["nonlinearity"] = module.nonlinearity
    w_ih = getattr(module, "weight_ih" + sfx)
    cell = kind(**kwargs, device="meta").to_empty(device=w_ih.device).to(w_ih.dtype)  # no RNG draw
    w_hr = getattr(module, "weight_hr" + sfx, None)  # (proj_size, H), LSTM with proj_size only
    with torch.no_grad():
        for name, p in cell.named_parameters():  # weight_ih, weight_hh, bias_ih, bias_hh
            weight = getattr(module, name + sfx)
            if name == "weight_hh" and w_hr is not None:
                weight = weight @ w_hr  # (4H, proj_size) @ (proj_size, H) = (4H, H)
            p.copy_(weight)
    return cell.eval()


def cell_loop(cell: nn.Module, xs: Tensor, state, reverse: bool = False, w_hr: Tensor | None = None):
    """Call the cell once per timestep, as the RNNCell tutorial does.

    Args:
        xs: (L, N, H_in), time first.
        state: h_0 (N, H), or (h_0, c_0) for an LSTMCell.
        reverse: loop from t = L-1 down to 0 (a bidirectional layer's reverse direction).
        w_hr: (proj_size, H): the LSTM projection, applied by hand to each h the cell returns.
    Returns:
        (outputs (L, N, H_out) in input order, the last state the cell returned).
    """
    outputs = [None] * len(xs)
    steps = range(len(xs) - 1, -1, -1) if reverse else range(len(xs))
    for t in steps:
        state = cell(xs[t], state)  # h (N, H), or (h, c) for an LSTMCell
        h = state[0] if isinstance(state, tuple) else state
        outputs[t] = h if w_hr is None else h @ w_hr.T  # (N, H_out)
    return torch.stack(outputs), state  # (L, N, H_out)


def cell_loop_source() -> str:
    """The two functions that ran, as they are in this file: the code on screen is the code that ran."""
    return source(cell_from_layer, cell_loop)


# --- held against the real layer ---------------------------------------------------------------


@dataclass(frozen=True)
class CellAgreement:
    """Largest |cell loop - layer| for one direction of layer 0."""

    direction: int
    output: float  # against the layer's output (this direction's half)
    h_n: float  # against the module's own h_n row for (layer 0, this direction)
    c_n: float | None  # LSTM only


@dataclass
class CellCheck:
    cell: str  # 'nn.LSTMCell', ...
    against: str  # 'output' (one-layer module) or 'one-layer module' (layer 0 of a deeper one)
    projected: bool  # proj_size > 0: W_hr folded into W_hh and applied by hand
    rows: list[CellAgreement]
    scale: float = 1.0  # value_scale of the real layer's results x fan_in_factor: the tolerance's

    @property
    def max_diff(self) -> float:
        return max(max(r.output, r.h_n, r.c_n or 0.0) for r in self.rows)


@torch.no_grad()
def cell_check(module: nn.Module, input: Tensor, hx=None) -> CellCheck:
    """Loop real cells over layer 0 of ``module`` (every direction) and compare with the real layer.

    Accepts what the module accepts except PackedSequence: batched, batch_first, unbatched
    (looped as a batch of one), with or without ``hx``.
    """
    mode = module_mode(module)
    if not isinstance(input, Tensor):
        raise TypeError("cell_check takes a tensor; pad_packed_sequence a PackedSequence first")
    D = 2 if module.bidirectional else 1
    H_out = getattr(module, "proj_size", 0) or module.hidden_size
    real_out, real_states = module(input, hx)
    # A deeper module does not expose layer 0's output: a real one-layer module with its weights does.
    ref = layer_outputs(module, input, hx)[0] if module.num_layers > 1 else None
    real_states = real_states if isinstance(real_states, tuple) else (real_states,)
    x, unbatched = input, input.dim() == 2
    if unbatched:
        x = x.unsqueeze(1)  # (L, 1, H_in)
        real_out = real_out.unsqueeze(1)
        real_states = tuple(s.unsqueeze(1) for s in real_states)
        if hx is not None:
            hx = tuple(s.unsqueeze(1) for s in hx) if mode == "LSTM" else hx.unsqueeze(1)
    elif module.batch_first:
        x, real_out = x.transpose(0, 1), real_out.transpose(0, 1)  # (L, N, ...)
    ref = real_out if ref is None else ref  # (L, N, D*H_out)
    h0, c0 = (hx if mode == "LSTM" else (hx, None)) if hx is not None else (None, None)
    N = x.shape[1]
    rows = []
    for d in range(D):
        cell = cell_from_layer(module, d)
        w_hr = getattr(module, "weight_hr_l0" + ("_reverse" if d else ""), None)
        h = x.new_zeros(N, module.hidden_size) if h0 is None else h0[d]  # (N, H), or h_0's (N, H_out)
        if h0 is not None and w_hr is not None:
            h = h @ torch.linalg.pinv(w_hr.T)  # (N, H): any h with h W_hrᵀ = h_0 starts the fold
        state = h
        if mode == "LSTM":
            state = (h, x.new_zeros(N, module.hidden_size) if c0 is None else c0[d])
        outputs, state = cell_loop(cell, x, state, reverse=d == 1, w_hr=w_hr)
        h_last = outputs[-1] if d == 0 else outputs[0]  # (N, H_out): the reverse ends at t = 0
        rows.append(
            CellAgreement(
                d,
                (outputs - ref[..., d * H_out : (d + 1) * H_out]).abs().max().item(),
                (h_last - real_states[0][d]).abs().max().item(),
                (state[1] - real_states[1][d]).abs().max().item() if mode == "LSTM" else None,
            )
        )
    against = "output" if module.num_layers == 1 else "one-layer module"
    projected = bool(getattr(module, "proj_size", 0))
    return CellCheck(
        f"nn.{mode}Cell",
        against,
        projected,
        rows,
        value_scale(real_out, *real_states) * fan_in_factor(module),
    )


@dataclass
class CellReport:
    """What the equation page draws for the cell loop: small, so it caches cheaply."""

    check: CellCheck
    tolerance: float
    device: str
    fallback: str | None = None  # the CUDA failure that sent this run to the CPU

    @property
    def ok(self) -> bool:
        return self.check.max_diff <= self.tolerance


@with_cpu_fallback
def cell_report(setting: Setting) -> CellReport:
    """The cell loop on the trace report's weights and input (same seed), against the real layer.

    Costs D x L cell calls and one or two fused module calls: far less than the trace it follows,
    whose guard is applied again here (arithmetic only) so no caller can skip it.
    """
    module, data, device = traced_setting(setting)
    check = cell_check(module, data.x.to(device))
    return CellReport(check, tolerance(setting.torch_dtype, device, check.scale)[0], setting.device)


def cell_rows(report: CellReport, lang: str) -> list[dict[str, str]]:
    """The cell-loop-vs-layer table, one row per direction of layer 0."""
    rows = []
    for r in report.check.rows:
        direction = i18n.t("grid.forward" if r.direction == 0 else "grid.reverse", lang)
        row = {
            i18n.t("col.direction", lang): direction,
            i18n.t("cell.vs_output", lang): f"{r.output:.2e}",
            i18n.t("cell.vs_h_n", lang): f"{r.h_n:.2e}",
        }
        if r.c_n is not None:
            row[i18n.t("cell.vs_c_n", lang)] = f"{r.c_n:.2e}"
        rows.append(row)
    return rows


def cell_notes(cfg: RNNConfig, batched: bool, lang: str) -> list[str]:
    """What the loop was held against, and how the reverse direction and unbatched input run."""
    if cfg.num_layers == 1:
        notes = [i18n.t("cell.single", lang)]
    else:
        rows = "0" if cfg.D == 1 else "0:2"  # layer 0's rows: one per direction
        notes = [i18n.t("cell.deeper", lang, layers=cfg.num_layers, rows=rows)]
    if cfg.bidirectional:
        notes.append(i18n.t("cell.reverse", lang))
    if not batched:
        notes.append(i18n.t("cell.unbatched", lang))
    return notes
