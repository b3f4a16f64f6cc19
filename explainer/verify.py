"""Back every traced number with the real module, and say how close 'equal' has to be."""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn

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


# Largest |manual - module| accepted as equal. CPU figures are measured by the tests (float64
# agrees to ~1e-15, float32 to ~1e-6 on the test configs); they leave one to two orders of margin.
TOLERANCE = {("cpu", torch.float64): 1e-10, ("cpu", torch.float32): 1e-5}
# Not yet measured on a GPU: a generous bound for TF32 (10-bit mantissa) until it is.
CUDA_TF32_TOLERANCE = 5e-2
CUDA_IEEE_TOLERANCE = {torch.float64: 1e-10, torch.float32: 1e-4}


def tolerance(dtype: torch.dtype, device: torch.device | str) -> tuple[float, str]:
    """(atol, reason key) for comparing manual and module results on this dtype and device."""
    device = torch.device(device)
    if device.type != "cuda":
        return TOLERANCE[("cpu", dtype)], f"tol.cpu_{str(dtype).split('.')[-1]}"
    if dtype == torch.float32 and cuda_rnn_precision() == "tf32":
        return CUDA_TF32_TOLERANCE, "tol.cuda_tf32"
    return CUDA_IEEE_TOLERANCE[dtype], f"tol.cuda_{str(dtype).split('.')[-1]}"
