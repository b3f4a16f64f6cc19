"""How far TF32 moves a recurrent layer's numbers, measured on the CPU by emulating it.

On CUDA, cuDNN runs float32 RNN matmuls on tensor cores in TF32 by default: each operand keeps
10 of float32's 23 mantissa bits, products are exact and sums are float32. The equation page
compares that module with the hand-written equations in full float32, so its tolerance must
cover TF32's rounding. Without a GPU the same rounding can be reproduced exactly: clear the 13
low mantissa bits of both operands of every matmul (truncation, the larger of the two rounding
modes tensor cores use) and keep everything else in float32. ``tf32_gap`` is the largest
difference that makes, and bench/run.py records it for the largest settings the guards accept.
"""

from __future__ import annotations

import torch
from torch.overrides import TorchFunctionMode

from explainer.config import RNNConfig
from explainer.inputs import make_input
from explainer.manual import trace
from explainer.run import build_module
from explainer.setting import Setting

TF32_DROPPED_BITS = 13  # float32 has 23 explicit mantissa bits, TF32 10
_KEEP = -(1 << TF32_DROPPED_BITS)  # int32 mask 0xFFFFE000: sign, exponent, 10 mantissa bits

# Every way manual.py (and a caller) can multiply matrices.
MATMULS = frozenset(
    (
        torch.Tensor.__matmul__,
        torch.Tensor.__rmatmul__,
        torch.Tensor.matmul,
        torch.matmul,
        torch.mm,
        torch.bmm,
        torch.nn.functional.linear,
    )
)


def tf32_truncate(x: torch.Tensor) -> torch.Tensor:
    """``x`` (float32) as a TF32 tensor core reads it: the 13 low mantissa bits cleared."""
    if x.dtype != torch.float32:
        return x
    return (x.contiguous().view(torch.int32) & _KEEP).view(torch.float32)


class EmulatedTF32(TorchFunctionMode):
    """Inside ``with EmulatedTF32():`` every float32 matmul reads TF32 operands, as cuDNN's does."""

    def __torch_function__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        if func in MATMULS:
            args = tuple(tf32_truncate(a) if isinstance(a, torch.Tensor) else a for a in args)
        return func(*args, **kwargs)


def tf32_gap(
    cfg: RNNConfig, seq_len: int, batch_size: int | None, seed: int = 0, source: str = "random"
) -> float:
    """Largest |TF32 - float32| over every h and c of every layer, direction and step.

    The module and input are the pages' own (``build_module``, ``make_input``), in float32 on
    the CPU; both sides run the same hand-written equations, one with TF32 matmul operands.
    """
    module = build_module(cfg, seed, "cpu")
    x = make_input(Setting(cfg, seq_len, batch_size, source, seed, device="cpu")).x
    with torch.no_grad():
        exact = trace(module, x)
        with EmulatedTF32():
            tf32 = trace(module, x)
    gaps = [(tf32.h - exact.h).abs().max()]
    if exact.c is not None:
        gaps.append((tf32.c - exact.c).abs().max())
    return max(g.item() for g in gaps)
