"""Back every traced number with the real module, and say how close 'equal' has to be."""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
from torch import nn

from explainer.config import RNNConfig
from explainer.manual import Trace, module_mode


def layer_outputs(module: nn.Module, x: torch.Tensor, hx=None) -> list[torch.Tensor]:
    """Each layer's output from real one-layer modules holding that layer's weights.

    Layer k's module reads layer k-1's real output. Returns time-first (L, N, D*H_out) tensors
    for batched input; unbatched input is run as a batch of one.
    """
    mode = module_mode(module)
    D = 2 if module.bidirectional else 1
    if x.dim() == 2:
        x = x.unsqueeze(1) if not module.batch_first else x.unsqueeze(0)
        if hx is not None:
            hx = tuple(s.unsqueeze(1) for s in hx) if mode == "LSTM" else hx.unsqueeze(1)
    kwargs = dict(
        hidden_size=module.hidden_size,
        num_layers=1,
        bias=module.bias,
        batch_first=module.batch_first,
        bidirectional=module.bidirectional,
    )
    if mode == "RNN":
        kwargs["nonlinearity"] = module.nonlinearity
    if mode == "LSTM":
        kwargs["proj_size"] = module.proj_size
    outputs = []
    inp = x
    for layer in range(module.num_layers):
        one = getattr(nn, mode)(input_size=inp.shape[-1], **kwargs, device="meta")
        one = one.to_empty(device=x.device).to(x.dtype).eval()
        with torch.no_grad():
            for name, p in one.named_parameters():
                p.copy_(getattr(module, name.replace("_l0", f"_l{layer}")))
        rows = slice(layer * D, (layer + 1) * D)
        layer_hx = None
        if hx is not None:
            layer_hx = tuple(s[rows] for s in hx) if mode == "LSTM" else hx[rows]
        with torch.no_grad():
            inp, _ = one(inp, layer_hx)
        outputs.append(inp.transpose(0, 1) if module.batch_first else inp)
    return outputs


@dataclass(frozen=True)
class Agreement:
    """Largest |manual - real| for one layer and direction, and what it was compared with."""

    layer: int
    direction: int
    against: str  # 'output', 'one-layer module'
    max_abs_diff: float


def check_trace(module: nn.Module, x: torch.Tensor, tr: Trace, hx=None) -> list[Agreement]:
    """Compare every traced h with the real module: last layer with ``output``, others per layer."""
    D = 2 if module.bidirectional else 1
    H_out = tr.h.shape[-1]
    real = layer_outputs(module, x, hx)
    with torch.no_grad():
        output = module(x, hx)[0]  # the module's own output, never the manual one
    top = output if output.dim() == 3 else output.unsqueeze(1)
    if module.batch_first and output.dim() == 3:
        top = top.transpose(0, 1)
    result = []
    for layer in range(module.num_layers):
        is_top = layer == module.num_layers - 1
        ref = top if is_top else real[layer]
        for d in range(D):
            mine = tr.h[layer, d]  # (L, N, H_out)
            diff = (mine - ref[..., d * H_out : (d + 1) * H_out]).abs().max().item()
            result.append(Agreement(layer, d, "output" if is_top else "one-layer module", diff))
    return result


def cuda_rnn_precision() -> str:
    """What cuDNN uses for float32 RNN matmuls: 'tf32' or 'ieee' (full float32)."""
    rnn = getattr(torch.backends.cudnn, "rnn", None)
    setting = getattr(rnn, "fp32_precision", None)
    if setting in ("tf32", "ieee"):
        return setting
    if setting in (None, "none"):  # older torch: the global switch decides
        return "tf32" if torch.backends.cudnn.allow_tf32 else "ieee"
    return str(setting)


def cuda_precision_setting() -> str:
    """The setting that decides cuDNN's float32 RNN precision on this torch, as code."""
    rnn = getattr(torch.backends.cudnn, "rnn", None)
    setting = getattr(rnn, "fp32_precision", None)
    if setting not in (None, "none"):
        return f"torch.backends.cudnn.rnn.fp32_precision = {setting!r}"
    return f"torch.backends.cudnn.allow_tf32 = {torch.backends.cudnn.allow_tf32}"


# Largest |manual - module| accepted as equal. Rounding grows with the numbers and with the terms
# each sum adds, so the bound is BASE x max(1, largest |h| or |c|) x fan_in_factor: a dot product
# of n terms of size |w||x| gathers errors of about sqrt(n) u |w||x|, and torch's init makes |w|
# about 1/sqrt(hidden_size). Measured over 300 random settings and the 9 corners below, within
# the app's limits (bench/results.json "tolerance"): the worst |Δ| per unit of that scale was,
# in float32 on this CPU, 5.5e-7 (without the fan-in factor an LSTM with input_size 1024 and hidden_size 2
# reached 1.06e-5 and was reported as a disagreement); float64 agrees to ~1e-15.
TOLERANCE = {("cpu", torch.float64): 1e-10, ("cpu", torch.float32): 1e-5}
# TF32 (10-bit mantissa) measured without a GPU by emulating it (explainer/tf32.py: both operands
# of every matmul truncated to TF32, the rest in float32) over the settings the CUDA guard accepts:
# worst 2.2e-3 per unit of scale (an 8-layer bidirectional tanh RNN); relu with input_size 1024 and
# hidden_size 2 reached 2.7e-2 of its values, 1.2e-3 once the fan-in is counted. To be confirmed on
# a real GPU.
CUDA_TF32_TOLERANCE = 1e-2
CUDA_IEEE_TOLERANCE = {torch.float64: 1e-10, torch.float32: 1e-4}  # not measured: 10x the CPU's


# Where rounding is largest within the app's limits: a fan-in of 1024 against a weight bound of
# 1/sqrt(hidden_size) near 1 (pre-activations of 20-30), deep and bidirectional stacks, relu letting
# values grow. (mode, input_size, hidden_size, num_layers, bidirectional, extra flags, L, N, source).
_CORNERS = [
    ("LSTM", 1024, 2, 3, True, {}, 5, 32, "random"),
    ("LSTM", 1024, 1, 4, True, {}, 200, 1, "random"),
    ("GRU", 1024, 1, 2, True, {}, 50, 8, "text"),
    ("GRU", 1024, 1, 1, True, {"bias": False}, 200, 8, "random"),
    ("RNN", 1024, 2, 5, True, {"nonlinearity": "relu"}, 50, 8, "random"),
    ("RNN", 1024, 2, 3, True, {"nonlinearity": "relu"}, 50, 32, "random"),
    ("RNN", 512, 1, 8, False, {"nonlinearity": "relu"}, 50, 32, "sine"),
    ("RNN", 10, 64, 8, True, {}, 42, 32, "random"),
    ("LSTM", 256, 256, 2, True, {}, 10, 32, "random"),
]


def rounding_corners() -> list[tuple[RNNConfig, int, int, str]]:
    """(cfg, seq_len, batch_size, source) where rounding is largest: the tests and `make bench`
    hold both float32 tolerances against these, besides random settings."""
    return [
        (RNNConfig(mode, i, h, layers, bidirectional=bi, **extra), L, N, source)
        for mode, i, h, layers, bi, extra, L, N, source in _CORNERS
    ]


def value_scale(*tensors) -> float:
    """max(1, largest |value|) of the tensors (a PackedSequence counts its data)."""
    largest = 1.0
    for x in tensors:
        x = getattr(x, "data", x)  # PackedSequence -> its data tensor
        if x is not None and x.numel():
            largest = max(largest, x.detach().abs().max().item())
    return largest


def fan_in_factor(module: nn.Module) -> float:
    """sqrt(widest input of a layer / hidden_size), at least 1: how much longer than a weight row's
    natural length (torch's init scales weights by 1/sqrt(hidden_size)) the sums of a step are."""
    D = 2 if module.bidirectional else 1
    H_out = getattr(module, "proj_size", 0) or module.hidden_size
    widest = max(module.input_size, D * H_out if module.num_layers > 1 else 0)
    return math.sqrt(max(1.0, widest / module.hidden_size))


def tolerance(dtype: torch.dtype, device: torch.device | str, scale: float = 1.0) -> tuple[float, str]:
    """(atol, reason key) for comparing manual and module results on this dtype and device.

    ``scale`` is ``value_scale`` of the numbers compared times ``fan_in_factor`` of the module.
    """
    device = torch.device(device)
    if device.type != "cuda":
        base, key = TOLERANCE[("cpu", dtype)], f"tol.cpu_{str(dtype).split('.')[-1]}"
    elif dtype == torch.float32 and cuda_rnn_precision() == "tf32":
        base, key = CUDA_TF32_TOLERANCE, "tol.cuda_tf32"
    else:
        base, key = CUDA_IEEE_TOLERANCE[dtype], f"tol.cuda_{str(dtype).split('.')[-1]}"
    return base * max(1.0, scale), key
