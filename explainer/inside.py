"""Run the real module and the hand-written equations side by side, and record how well they agree."""

from __future__ import annotations

from dataclasses import dataclass

import torch

from explainer import budget
from explainer.config import RNNConfig
from explainer.i18n import t
from explainer.inputs import InputData, make_input
from explainer.manual import Trace, trace
from explainer.run import build_module, device_label
from explainer.setting import Setting, with_cpu_fallback
from explainer.verify import (
    Agreement,
    check_trace,
    cuda_precision_setting,
    cuda_rnn_precision,
    fan_in_factor,
    tolerance,
    value_scale,
)


def check_traceable(setting: Setting) -> budget.Cost:
    """The estimate of a trace, or BudgetError (the estimate, the limit, a smaller setting that fits)."""
    s = setting
    return budget.check("trace", s.cfg, s.seq_len, s.batch_size, s.torch_device.type, s.torch_dtype.itemsize)


@dataclass
class TraceReport:
    """Everything the hidden-state and equation pages draw, computed once per setting."""

    setting: Setting  # what was traced, on the device it ran on
    data: InputData  # the input, on the CPU
    trace: Trace  # manual, on the CPU
    module_output: torch.Tensor  # what the real module returned
    module_states: tuple[torch.Tensor, ...]  # h_n (and c_n)
    agreements: list[Agreement]  # per layer and direction, against the real module
    final_diffs: dict[str, float]  # h_n, c_n: manual vs module
    per_t_diff: torch.Tensor  # (L,) max |manual output - module output| at each t
    device_label: str
    tolerance: float  # the base bound times `scale` and `fan_in`
    tolerance_key: str
    cuda_precision: str | None  # 'tf32' or 'ieee' when on CUDA
    fallback: str | None = None  # the CUDA failure that sent this trace to the CPU
    cuda_setting: str | None = None  # on CUDA: the setting that decided the precision, as code
    scale: float = 1.0  # max(1, largest |h| or |c| traced): the tolerance grows with the values
    fan_in: float = 1.0  # fan_in_factor of the module: and with the terms each sum adds

    @property
    def cfg(self) -> RNNConfig:
        return self.setting.cfg

    @property
    def dtype(self) -> str:
        return self.setting.dtype

    @property
    def seed(self) -> int:
        """Weights and input; step_detail rebuilds the same weights from it."""
        return self.setting.seed

    @property
    def device(self) -> str:
        return self.setting.device

    @property
    def max_diff(self) -> float:
        return max([a.max_abs_diff for a in self.agreements] + list(self.final_diffs.values()))

    @property
    def ok(self) -> bool:
        return self.max_diff <= self.tolerance


def traced_setting(setting: Setting) -> tuple[torch.nn.Module, InputData, torch.device]:
    """The module and input a trace-sized page works on, after the trace guard accepted them.

    The trace, the textbook variants and the cell loop all start here, so each applies the guard
    (arithmetic only, before any allocation) and draws the same weights and input from the seed.
    """
    check_traceable(setting)
    device = setting.torch_device
    data = make_input(setting)
    return build_module(setting.cfg, setting.seed, device).to(setting.torch_dtype), data, device


@with_cpu_fallback
def trace_report(setting: Setting) -> TraceReport:
    """Trace the equations by hand and hold every number against the real module."""
    module, data, device = traced_setting(setting)
    cfg, x = setting.cfg, data.x.to(device)
    with torch.no_grad():
        output, states = module(x)
        tr = trace(module, x)
        agreements = check_trace(module, x, tr)
    states = states if isinstance(states, tuple) else (states,)
    mine = (tr.h_n,) if tr.c_n is None else (tr.h_n, tr.c_n)
    final_diffs = {
        name: (a - b).abs().max().item() for name, a, b in zip(("h_n", "c_n"), mine, states, strict=False)
    }
    diff = (tr.output - output).abs()
    if diff.dim() == 2:  # unbatched (L, D*H_out)
        per_t = diff.amax(dim=-1)
    else:
        per_t = diff.amax(dim=(0, 2)) if cfg.batch_first else diff.amax(dim=(1, 2))
    scale, fan_in = value_scale(tr.h, tr.c, *states), fan_in_factor(module)
    tol, key = tolerance(setting.torch_dtype, device, scale * fan_in)

    def cpu(t: torch.Tensor) -> torch.Tensor:
        return t.detach().to("cpu")

    tr_cpu = Trace(
        tr.mode,
        cpu(tr.h),
        cpu(tr.c) if tr.c is not None else None,
        {k: cpu(v) for k, v in tr.gates.items()},
        cpu(tr.output),
        cpu(tr.h_n),
        cpu(tr.c_n) if tr.c_n is not None else None,
    )
    return TraceReport(
        setting=setting,
        data=data,
        trace=tr_cpu,
        module_output=cpu(output),
        module_states=tuple(cpu(s) for s in states),
        agreements=agreements,
        final_diffs=final_diffs,
        per_t_diff=cpu(per_t),
        device_label=device_label(device),
        tolerance=tol,
        tolerance_key=key,
        cuda_precision=cuda_rnn_precision() if device.type == "cuda" else None,
        cuda_setting=cuda_precision_setting() if device.type == "cuda" else None,
        scale=scale,
        fan_in=fan_in,
    )


def tolerance_note(report: TraceReport, lang: str) -> str:
    """Why the tolerance is what it is: dtype and device (on CUDA, the setting in force), and what
    it was multiplied by where the numbers or the sums are larger than the base allows for."""
    why = t(report.tolerance_key, lang, setting=report.cuda_setting)
    factor = report.scale * report.fan_in
    if factor > 1:
        base = f"{report.tolerance / factor:.2g}"
        why += " " + t(
            "tol.scaled", lang, base=base, values=f"{report.scale:.3g}", fan=f"{report.fan_in:.3g}"
        )
    return why


def agreement_rows(report: TraceReport, lang: str, finals: bool = True) -> list[dict[str, str]]:
    """The manual-vs-module table, one row per layer and direction (and per final state)."""
    rows = []
    for a in report.agreements:
        rows.append(
            {
                t("col.layer", lang): str(a.layer),
                t("col.direction", lang): t("grid.forward" if a.direction == 0 else "grid.reverse", lang),
                t("col.against", lang): t(f"against.{a.against}", lang),
                t("col.max_diff", lang): f"{a.max_abs_diff:.2e}",
            }
        )
    if finals:
        for name, diff in report.final_diffs.items():
            rows.append(
                {
                    t("col.layer", lang): "—",
                    t("col.direction", lang): "—",
                    t("col.against", lang): t(f"against.{name}", lang),
                    t("col.max_diff", lang): f"{diff:.2e}",
                }
            )
    return rows
