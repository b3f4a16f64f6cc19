"""PyTorch's documented RNN equations, by hand, on the module's own weights.

Nothing here calls the module, its ``forward`` or torch's fused RNN kernels: plain matmuls and
pointwise ops only, so the result is an independent witness of what the module computes.
Conventions are PyTorch's, not the textbook's: ``x W^T``, two biases, LSTM gates i, f, g, o,
GRU gates r, z, n with ``b_hn`` inside the reset product.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import torch
from torch import nn
from torch.nn.utils.rnn import PackedSequence, pad_packed_sequence

Tensor = torch.Tensor


# --- one timestep of each mode: these are the equations the pages show ----------------


def rnn_step(xw: Tensor, h: Tensor, w_hh: Tensor, b_hh: Tensor | None, relu: bool) -> Tensor:
    """h_t = act(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh); ``xw`` already holds x_t W_ih^T + b_ih."""
    pre = xw + h @ w_hh.T  # (N, H)
    if b_hh is not None:
        pre = pre + b_hh
    return torch.relu(pre) if relu else torch.tanh(pre)


def lstm_step(
    xw: Tensor, h: Tensor, c: Tensor, w_hh: Tensor, b_hh: Tensor | None, w_hr: Tensor | None
) -> tuple[Tensor, Tensor, dict[str, Tensor]]:
    """i, f, g, o gates; c_t = f ⊙ c_{t-1} + i ⊙ g; h_t = o ⊙ tanh(c_t), projected by W_hr if any."""
    gates = xw + h @ w_hh.T  # (N, 4*H)
    if b_hh is not None:
        gates = gates + b_hh
    i, f, g, o = gates.chunk(4, dim=-1)  # each (N, H)
    i, f, g, o = torch.sigmoid(i), torch.sigmoid(f), torch.tanh(g), torch.sigmoid(o)
    c = f * c + i * g
    h = o * torch.tanh(c)  # (N, H)
    if w_hr is not None:
        h = h @ w_hr.T  # (N, proj_size)
    return h, c, {"i": i, "f": f, "g": g, "o": o}


def gru_step(xw: Tensor, h: Tensor, w_hh: Tensor, b_hh: Tensor | None) -> tuple[Tensor, dict[str, Tensor]]:
    """r, z, n gates; n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)); h_t = (1 - z) ⊙ n + z ⊙ h_{t-1}."""
    hw = h @ w_hh.T  # (N, 3*H)
    if b_hh is not None:
        hw = hw + b_hh
    x_r, x_z, x_n = xw.chunk(3, dim=-1)  # each (N, H)
    h_r, h_z, h_n = hw.chunk(3, dim=-1)
    r = torch.sigmoid(x_r + h_r)
    z = torch.sigmoid(x_z + h_z)
    n = torch.tanh(x_n + r * h_n)
    return (1 - z) * n + z * h, {"r": r, "z": z, "n": n}


@dataclass(frozen=True)
class Convention:
    """Which step function each mode runs, and whether b_hh is added.

    PyTorch's own is the default; explainer/variants.py swaps in the textbook conventions that
    give different numbers, so a variant differs from the module in its convention only.
    """

    rnn: Callable = rnn_step
    lstm: Callable = lstm_step
    gru: Callable = gru_step
    bias_hh: bool = True  # False: a one-bias implementation, which never reads b_hh


PYTORCH = Convention()


# --- the whole module --------------------------------------------------------------------


def module_mode(module: nn.Module) -> str:
    for mode in ("LSTM", "GRU", "RNN"):
        if isinstance(module, getattr(nn, mode)):
            return mode
    raise TypeError(f"expected nn.RNN, nn.LSTM or nn.GRU, got {type(module).__name__}")


@dataclass
class Trace:
    """Every intermediate of a forward pass; index t is input position t for both directions.

    h: (num_layers, D, L, N, H_out); c and each gate: (num_layers, D, L, N, hidden_size).
    """

    mode: str
    h: Tensor
    c: Tensor | None
    gates: dict[str, Tensor]
    output: Tensor  # as the module returns it
    h_n: Tensor
    c_n: Tensor | None


def _params(module: nn.Module, layer: int, direction: int) -> dict[str, Tensor | None]:
    sfx = f"_l{layer}" + ("_reverse" if direction else "")

    def get(name: str) -> Tensor | None:
        return getattr(module, name + sfx, None)

    return {k: get(k) for k in ("weight_ih", "weight_hh", "bias_ih", "bias_hh", "weight_hr")}


def _run(
    module: nn.Module, x: Tensor, hx, lengths: Tensor | None, record: bool, convention: Convention = PYTORCH
) -> tuple[Tensor, Tensor, Tensor | None, dict | None]:
    """Core loop on time-first batched input x (L, N, H_in).

    Returns (output (L, N, D*H_out), h_n, c_n, records or None). With ``lengths`` (packed
    input), sequence b only updates while t < lengths[b]; the reverse direction therefore starts
    at each sequence's own last valid step, and padded output is zero.
    """
    mode = module_mode(module)
    L, N, _ = x.shape  # (L, N, H_in)
    D = 2 if module.bidirectional else 1
    H = module.hidden_size
    H_out = getattr(module, "proj_size", 0) or H
    layers = module.num_layers
    relu = getattr(module, "nonlinearity", "tanh") == "relu"
    if hx is None:
        h0 = x.new_zeros(layers * D, N, H_out)
        c0 = x.new_zeros(layers * D, N, H) if mode == "LSTM" else None
    elif mode == "LSTM":
        h0, c0 = hx
    else:
        h0, c0 = hx, None
    valid = None
    if lengths is not None:
        valid = torch.arange(L, device=x.device)[:, None] < lengths.to(x.device)[None, :]  # (L, N)
    rec = None
    if record:
        gate_names = {"LSTM": "ifgo", "GRU": "rzn", "RNN": ""}[mode]
        rec = {
            "h": x.new_zeros(layers, D, L, N, H_out),
            "c": x.new_zeros(layers, D, L, N, H) if mode == "LSTM" else None,
            "gates": {g: x.new_zeros(layers, D, L, N, H) for g in gate_names},
        }
    h_n, c_n = [], []
    inp = x
    for layer in range(layers):
        outs = []
        for direction in range(D):
            p = _params(module, layer, direction)
            b_hh = p["bias_hh"] if convention.bias_hh else None
            xw = inp @ p["weight_ih"].T  # (L, N, G*H): every step's input projection at once
            if p["bias_ih"] is not None:
                xw = xw + p["bias_ih"]
            idx = layer * D + direction
            h = h0[idx]  # (N, H_out)
            c = c0[idx] if c0 is not None else None  # (N, H)
            out = x.new_zeros(L, N, H_out)
            steps = range(L) if direction == 0 else range(L - 1, -1, -1)
            for t in steps:
                gates = None
                if mode == "RNN":
                    h_new, c_new = convention.rnn(xw[t], h, p["weight_hh"], b_hh, relu), None
                elif mode == "LSTM":
                    h_new, c_new, gates = convention.lstm(xw[t], h, c, p["weight_hh"], b_hh, p["weight_hr"])
                else:
                    h_new, gates = convention.gru(xw[t], h, p["weight_hh"], b_hh)
                    c_new = None
                if valid is not None:  # packed: finished sequences keep their state
                    keep = valid[t][:, None]  # (N, 1)
                    h = torch.where(keep, h_new, h)
                    c = torch.where(keep, c_new, c) if c is not None else None
                    out[t] = torch.where(keep, h_new, torch.zeros_like(h_new))
                else:
                    h, c = h_new, c_new
                    out[t] = h
                if rec is not None:
                    rec["h"][layer, direction, t] = h
                    if c is not None:
                        rec["c"][layer, direction, t] = c
                    for g, value in (gates or {}).items():
                        rec["gates"][g][layer, direction, t] = value
            outs.append(out)
            h_n.append(h)
            if c is not None:
                c_n.append(c)
        inp = torch.cat(outs, dim=-1)  # (L, N, D*H_out): next layer's input, and output at the top
    return inp, torch.stack(h_n), torch.stack(c_n) if c_n else None, rec


def _prepare(module: nn.Module, input, hx):
    """Bring any accepted input to time-first batched form; return how to undo it."""
    mode = module_mode(module)
    if module.training and module.dropout > 0 and module.num_layers > 1:
        raise ValueError("dropout between layers is random in training mode: call module.eval() first")
    if isinstance(input, PackedSequence):
        padded, lengths = pad_packed_sequence(input)  # (L, N, H_in), original batch order
        return padded, hx, lengths, ("packed", input)
    if input.dim() == 2:  # unbatched (L, H_in): batch_first has no effect
        if hx is not None:
            hx = tuple(s.unsqueeze(1) for s in hx) if mode == "LSTM" else hx.unsqueeze(1)
        return input.unsqueeze(1), hx, None, ("unbatched", None)
    if module.batch_first:
        return input.transpose(0, 1), hx, None, ("batch_first", None)
    return input, hx, None, ("plain", None)


def _finish(module: nn.Module, output: Tensor, h_n: Tensor, c_n: Tensor | None, how):
    kind, packed = how
    if kind == "packed":
        padded = output[:, packed.sorted_indices] if packed.sorted_indices is not None else output
        data = torch.cat([padded[t, :n] for t, n in enumerate(packed.batch_sizes.tolist())])
        output = PackedSequence(data, packed.batch_sizes, packed.sorted_indices, packed.unsorted_indices)
    elif kind == "unbatched":
        output, h_n = output.squeeze(1), h_n.squeeze(1)
        c_n = c_n.squeeze(1) if c_n is not None else None
    elif kind == "batch_first":
        output = output.transpose(0, 1)
    return output, ((h_n, c_n) if c_n is not None else h_n)


def manual_forward(module: nn.Module, input, hx=None, *, convention: Convention = PYTORCH):
    """Same call and return structure as ``module(input, hx)``, from the equations by hand.

    Returns ``(output, h_n)``, or ``(output, (h_n, c_n))`` for LSTM. Accepts batched,
    unbatched, batch_first and PackedSequence input, with or without ``hx``. ``convention``
    is PyTorch's unless a textbook variant (explainer/variants.py) asks for another.
    """
    x, hx, lengths, how = _prepare(module, input, hx)
    output, h_n, c_n, _ = _run(module, x, hx, lengths, record=False, convention=convention)
    return _finish(module, output, h_n, c_n, how)


def trace(module: nn.Module, input: Tensor, hx=None) -> Trace:
    """Every h (and c, and gate) at every layer, direction and timestep, plus the final result.

    Shapes: ``h`` (num_layers, D, L, N, H_out); ``c`` and each gate (num_layers, D, L, N,
    hidden_size). Unbatched input is traced as a batch of one.
    """
    if isinstance(input, PackedSequence):
        raise TypeError("trace takes a padded tensor; pad_packed_sequence it first")
    x, hx, lengths, how = _prepare(module, input, hx)
    output, h_n, c_n, rec = _run(module, x, hx, lengths, record=True)
    output, states = _finish(module, output, h_n, c_n, how)
    h_final, c_final = states if isinstance(states, tuple) else (states, None)
    return Trace(module_mode(module), rec["h"], rec["c"], rec["gates"], output, h_final, c_final)
