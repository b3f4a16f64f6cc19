"""Build and run the real torch module; compare what it does with what shapes.py predicts."""

from __future__ import annotations

import contextlib
import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

import torch
from torch import nn

from explainer import budget, quiet
from explainer.config import LIMITS, RNNConfig, check_int
from explainer.shapes import (
    Shape,
    check_input_sizes,
    final_names,
    init_bound,
    output_index,
    shape_table,
    state_names,
)

T = TypeVar("T")


def cuda_available() -> bool:
    return torch.cuda.is_available()


def resolve_device(device: str | torch.device | None = None) -> torch.device:
    """None or 'auto' -> CUDA when present, else CPU; 'cuda' without a GPU falls back to CPU."""
    if device is None or device == "auto":
        return torch.device("cuda" if cuda_available() else "cpu")
    device = torch.device(device)
    if device.type == "cuda" and not cuda_available():
        return torch.device("cpu")
    return device


def is_device_failure(err: BaseException) -> bool:
    """A failure of the GPU itself (out of memory, no usable device, a driver error), not of the setting."""
    if isinstance(err, torch.cuda.OutOfMemoryError):
        return True
    text = str(err)
    markers = ("CUDA", "cuda", "CUBLAS", "cuDNN", "CUDNN", "out of memory", "device-side", "NVIDIA driver")
    return isinstance(err, (RuntimeError, AssertionError)) and any(m in text for m in markers)


def with_cpu_fallback(fn: Callable[..., T]) -> Callable[..., T]:
    """Run ``fn`` on its device; when CUDA fails, run it again on the CPU and record why in ``.fallback``.

    The CPU run applies the CPU's budgets, so a setting the GPU could afford may then be refused
    (or, on the shapes page, checked on ``meta``): the notice says which device failed and why.
    """
    signature = inspect.signature(fn)

    @functools.wraps(fn)
    def run(*args: Any, **kwargs: Any) -> T:
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        device = resolve_device(bound.arguments["device"])
        bound.arguments["device"] = device
        if device.type != "cuda":
            return fn(*bound.args, **bound.kwargs)
        try:
            return fn(*bound.args, **bound.kwargs)
        except Exception as err:  # noqa: BLE001 - only device failures are handled, the rest re-raised
            if not is_device_failure(err):
                raise
            reason = f"{type(err).__name__}: {str(err).strip().splitlines()[0][:200]}"
        with contextlib.suppress(Exception):
            torch.cuda.empty_cache()
        bound.arguments["device"] = torch.device("cpu")
        return replace(fn(*bound.args, **bound.kwargs), fallback=reason)

    return run


def device_label(device: torch.device) -> str:
    """'NVIDIA H100 80GB HBM3' or 'CPU'."""
    if device.type == "cuda":
        return torch.cuda.get_device_name(device)
    return device.type.upper()


def meta_module(mode: str, kwargs: dict[str, Any]) -> nn.Module:
    """``nn.<mode>(**kwargs)`` on ``meta``: torch's real argument and shape checks, no memory and no
    global RNG draw (even past the limits). torch's dropout-with-one-layer warning is not shown here:
    the page shows it (``constructor_warnings``)."""
    with quiet.ignored(UserWarning):
        return getattr(nn, mode)(**kwargs, device="meta")


def build_module(cfg: RNNConfig, seed: int = 0, device: str | torch.device | None = None) -> nn.Module:
    """The real ``nn.RNN``/``nn.LSTM``/``nn.GRU`` for ``cfg``, in eval mode, on ``device``.

    Weights are drawn from U(-1/sqrt(hidden_size), 1/sqrt(hidden_size)) like torch's own
    init, but from a local ``torch.Generator``: ``torch.manual_seed`` is process-wide and
    every Streamlit session is a thread of one process. The draw happens on the CPU, so a
    seed gives the same weights on every device.
    """
    check_int("seed", seed, *LIMITS["seed"])
    device = resolve_device(device)
    module = meta_module(cfg.mode, cfg.module_kwargs()).to_empty(device=device)
    gen = torch.Generator().manual_seed(seed)
    k = init_bound(cfg)
    with torch.no_grad():
        for p in module.parameters():
            p.copy_(torch.empty(p.shape).uniform_(-k, k, generator=gen))
    if device.type == "cuda":
        module.flatten_parameters()
    return module.eval()


def constructor_warnings(cfg: RNNConfig) -> list[str]:
    """The warnings torch itself prints when building this module (e.g. dropout with one layer)."""
    with quiet.recorded() as caught:
        getattr(nn, cfg.mode)(**cfg.module_kwargs(), device="meta")
    return [str(w.message) for w in caught]


def make_inputs(
    cfg: RNNConfig,
    seq_len: int,
    batch_size: int | None,
    pass_hx: bool,
    seed: int = 0,
    device: str | torch.device | None = None,
) -> tuple[torch.Tensor, torch.Tensor | tuple[torch.Tensor, torch.Tensor] | None]:
    """Random input (and initial states) of exactly the predicted shapes, from a local generator."""
    table = shape_table(cfg, seq_len, batch_size)
    device = resolve_device(device)
    gen = torch.Generator().manual_seed(seed + 1)

    def draw(name: str) -> torch.Tensor:
        if device.type == "meta":
            return torch.empty(table[name], device="meta")
        return torch.randn(table[name], generator=gen).to(device)

    x = draw("input")
    if not pass_hx:
        return x, None
    if cfg.mode == "LSTM":
        return x, (draw("h_0"), draw("c_0"))
    return x, draw("h_0")


def _zeros_like(meta_hx, device: torch.device):
    if isinstance(meta_hx, tuple):
        return tuple(torch.zeros(s.shape, device=device) for s in meta_hx)
    return torch.zeros(meta_hx.shape, device=device)


@dataclass(frozen=True)
class Comparison:
    """Predicted vs actual shape of one tensor or parameter."""

    name: str
    predicted: Shape
    actual: Shape

    @property
    def ok(self) -> bool:
        return self.predicted == self.actual


@dataclass(frozen=True)
class FinalStateCheck:
    """Is this slice of output equal to this row of h_n? Measured on the real tensors."""

    output_expr: str  # e.g. 'output[-1, :, 0:20]'
    h_n_expr: str  # e.g. 'h_n[2]'
    layer: int
    direction: int
    t: int
    max_abs_diff: float


@dataclass(frozen=True)
class RunReport:
    """What the real module did on one device."""

    device: str
    device_label: str
    on_meta: bool  # shapes checked by torch on the meta device, no numbers computed
    flops: int
    comparisons: list[Comparison]  # what torch produced: output, h_n, c_n, every parameter
    accepted: list[str] = field(default_factory=list)  # predicted inputs torch accepted as given
    final_states: list[FinalStateCheck] = field(default_factory=list)
    torch_warnings: list[str] = field(default_factory=list)
    error: str | None = None  # torch's own message, if it rejected the predicted shapes
    fallback: str | None = None  # the CUDA failure that sent this run to the CPU
    seq_len: int = 0  # the steps torch ran: all of them, or on meta the start of a long sequence

    @property
    def ok(self) -> bool:
        return self.error is None and all(c.ok for c in self.comparisons)


def _index(cfg: RNNConfig, t_: int, direction: int, batched: bool) -> tuple:
    cols = slice(direction * cfg.H_out, (direction + 1) * cfg.H_out)
    if not batched:
        return (t_, cols)
    if cfg.batch_first:
        return (slice(None), t_, cols)
    return (t_, slice(None), cols)


def final_state_checks(
    cfg: RNNConfig, output: torch.Tensor, h_n: torch.Tensor, batched: bool
) -> list[FinalStateCheck]:
    """For the last layer, compare each direction's final state in h_n with output.

    Forward: h_n[-D] is output at t = L-1 (its first H_out columns). Reverse: h_n[-1] is the reverse
    half of output at t = 0 (its last H_out columns), not at t = L-1.
    Both candidate times are measured, so the page shows which one matches.
    """
    seq_len = output.shape[1] if (batched and cfg.batch_first) else output.shape[0]
    layer = cfg.num_layers - 1
    checks = []
    for direction in range(cfg.D):
        row = layer * cfg.D + direction
        for t_ in sorted({seq_len - 1, 0}, reverse=True):
            diff = (output[_index(cfg, t_, direction, batched)] - h_n[row]).abs().max()
            checks.append(
                FinalStateCheck(
                    output_index(cfg, t_, direction, batched),
                    f"h_n[{row}]",
                    layer,
                    direction,
                    t_,
                    float(diff),
                )
            )
    return checks


@with_cpu_fallback
def run_check(
    cfg: RNNConfig,
    seq_len: int,
    batch_size: int | None,
    pass_hx: bool = False,
    seed: int = 0,
    device: str | torch.device | None = None,
) -> RunReport:
    """Run the real module and compare every shape with ``shape_table``'s prediction.

    Over the FLOP budget of the device the module runs on ``meta``: torch's real shape checks,
    no arithmetic, no memory. A meta run still costs time per step, so over a long sequence it
    runs the first ``report.seq_len`` steps, and the comparisons are made at that length.
    """
    check_input_sizes(seq_len, batch_size)
    device = resolve_device(device)
    cost = budget.estimate("forward", cfg, seq_len, batch_size)
    flops = cost.flops
    # Over the device's budget torch still judges every shape, on `meta`, computing no numbers.
    allowed = budget.budget_for("forward", device.type)
    on_meta = not budget.fits(cost, allowed)
    run_device = torch.device("meta") if on_meta else device
    # meta costs time per step (budget.META_PER_STEP): a long sequence is checked over its start
    checked = (
        budget.meta_seq_len(cfg.mode, cfg.num_layers, cfg.D, seq_len, allowed.seconds) if on_meta else seq_len
    )
    if on_meta:
        module = meta_module(cfg.mode, cfg.module_kwargs()).eval()
    else:
        module = build_module(cfg, seed, run_device)
    x, hx = make_inputs(cfg, checked, batch_size, pass_hx, seed, run_device)
    if hx is None:
        # Omitting hx makes torch use zeros; passing zeros of the predicted shape gives the
        # same result and lets torch's own hidden-size check judge the predicted h_0/c_0.
        zeros = make_inputs(cfg, checked, batch_size, True, seed, torch.device("meta"))[1]
        hx = _zeros_like(zeros, run_device)
    states0 = hx if isinstance(hx, tuple) else (hx,)
    actual: dict[str, Shape] = {"input": tuple(x.shape)}
    actual |= {name: tuple(s.shape) for name, s in zip(state_names(cfg), states0, strict=True)}
    try:
        with torch.inference_mode():
            output, states = module(x, hx)
    except (RuntimeError, ValueError) as err:  # a wrong prediction: torch says why
        if device.type == "cuda" and is_device_failure(err):
            raise  # the GPU failed, not the prediction: with_cpu_fallback reruns it on the CPU
        return RunReport(
            str(device), device_label(device), on_meta, flops, [], error=str(err), seq_len=checked
        )
    h_n = states[0] if isinstance(states, tuple) else states
    actual["output"] = tuple(output.shape)
    finals_out = states if isinstance(states, tuple) else (states,)
    actual |= {name: tuple(s.shape) for name, s in zip(final_names(cfg), finals_out, strict=True)}
    actual |= {name: tuple(p.shape) for name, p in module.named_parameters()}
    predicted = shape_table(cfg, checked, batch_size)
    # input, h_0 and c_0 were built from the prediction: torch judges them by accepting them
    # (it raises otherwise). What torch produces is compared with the prediction.
    accepted = ["input", *state_names(cfg)]
    names = [n for n in predicted if n not in accepted] + [n for n in actual if n not in predicted]
    comparisons = [Comparison(n, predicted.get(n, ()), actual.get(n, ())) for n in names]
    finals = [] if on_meta else final_state_checks(cfg, output, h_n, batch_size is not None)
    return RunReport(
        device=str(device),
        device_label=device_label(device),
        on_meta=on_meta,
        flops=flops,
        comparisons=comparisons,
        accepted=accepted,
        final_states=finals,
        torch_warnings=constructor_warnings(cfg),
        seq_len=checked,
    )
