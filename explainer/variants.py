"""Common textbook conventions that differ from PyTorch's, run on the module's own weights.

Each variant changes one convention and nothing else: it runs through manual.py's loop with
one step function (or the b_hh switch) replaced, so its distance from the real module is the
cost of that convention alone. The ``"pytorch"`` entry is the same machinery with PyTorch's
convention, which the tests hold equal to the module.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn
from torch.nn.utils.rnn import PackedSequence, pad_packed_sequence

from explainer import i18n, manual
from explainer.config import ConfigError, RNNConfig
from explainer.equations import equations
from explainer.inside import traced_setting
from explainer.manual import PYTORCH, Convention, manual_forward, module_mode
from explainer.setting import Setting, with_cpu_fallback
from explainer.sources import source
from explainer.verify import fan_in_factor, tolerance, value_scale

Tensor = torch.Tensor


# --- the textbook steps: the same signatures as manual.py's, one convention changed ------------


def gru_step_reset_before(
    xw: Tensor, h: Tensor, w_hh: Tensor, b_hh: Tensor | None
) -> tuple[Tensor, dict[str, Tensor]]:
    """The original paper's and d2l's GRU: n = tanh(W_in x + b_in + W_hn (r ⊙ h) + b_hn)."""
    w_hr, w_hz, w_hn = w_hh.chunk(3, dim=0)  # each (H, H)
    b_hr, b_hz, b_hn = b_hh.chunk(3) if b_hh is not None else (0, 0, 0)  # each (H,)
    x_r, x_z, x_n = xw.chunk(3, dim=-1)  # each (N, H)
    r = torch.sigmoid(x_r + h @ w_hr.T + b_hr)
    z = torch.sigmoid(x_z + h @ w_hz.T + b_hz)
    n = torch.tanh(x_n + (r * h) @ w_hn.T + b_hn)  # reset h first, then the matmul
    return (1 - z) * n + z * h, {"r": r, "z": z, "n": n}


def lstm_step_ifog(
    xw: Tensor, h: Tensor, c: Tensor, w_hh: Tensor, b_hh: Tensor | None, w_hr: Tensor | None
) -> tuple[Tensor, Tensor, dict[str, Tensor]]:
    """PyTorch's i, f, g, o stack read in the textbook's order i, f, o, g."""
    gates = xw + h @ w_hh.T  # (N, 4*H)
    if b_hh is not None:
        gates = gates + b_hh
    i, f, o, g = gates.chunk(4, dim=-1)  # each (N, H): PyTorch's g block taken as o, its o as g
    i, f, g, o = torch.sigmoid(i), torch.sigmoid(f), torch.tanh(g), torch.sigmoid(o)
    c = f * c + i * g
    h = o * torch.tanh(c)  # (N, H)
    if w_hr is not None:
        h = h @ w_hr.T  # (N, proj_size)
    return h, c, {"i": i, "f": f, "g": g, "o": o}


def gru_step_colah(
    xw: Tensor, h: Tensor, w_hh: Tensor, b_hh: Tensor | None
) -> tuple[Tensor, dict[str, Tensor]]:
    """colah's GRU: h_t = (1 - z) ⊙ h_{t-1} + z ⊙ n, z weighing the candidate; PyTorch's reset kept."""
    hw = h @ w_hh.T  # (N, 3*H)
    if b_hh is not None:
        hw = hw + b_hh
    x_r, x_z, x_n = xw.chunk(3, dim=-1)  # each (N, H)
    h_r, h_z, h_n = hw.chunk(3, dim=-1)
    r = torch.sigmoid(x_r + h_r)
    z = torch.sigmoid(x_z + h_z)
    n = torch.tanh(x_n + r * h_n)
    return (1 - z) * h + z * n, {"r": r, "z": z, "n": n}  # PyTorch: (1 - z) * n + z * h


def lstm_step_forget_bias_one(
    xw: Tensor, h: Tensor, c: Tensor, w_hh: Tensor, b_hh: Tensor | None, w_hr: Tensor | None
) -> tuple[Tensor, Tensor, dict[str, Tensor]]:
    """TensorFlow's BasicLSTMCell (forget_bias=1.0): 1 added to the forget gate's input at every step."""
    gates = xw + h @ w_hh.T  # (N, 4*H)
    if b_hh is not None:
        gates = gates + b_hh
    i, f, g, o = gates.chunk(4, dim=-1)  # each (N, H)
    i, f, g, o = torch.sigmoid(i), torch.sigmoid(f + 1.0), torch.tanh(g), torch.sigmoid(o)
    c = f * c + i * g
    h = o * torch.tanh(c)  # (N, H)
    if w_hr is not None:
        h = h @ w_hr.T  # (N, proj_size)
    return h, c, {"i": i, "f": f, "g": g, "o": o}


@dataclass(frozen=True)
class Variant:
    """A convention, the modes it applies to, and whether it needs the module to have biases."""

    name: str
    convention: Convention
    modes: tuple[str, ...]
    needs_bias: bool = False


ALL_MODES = ("RNN", "LSTM", "GRU")
VARIANTS: dict[str, Variant] = {
    "pytorch": Variant("pytorch", PYTORCH, ALL_MODES),
    "gru_reset_before": Variant("gru_reset_before", Convention(gru=gru_step_reset_before), ("GRU",)),
    "gru_colah": Variant("gru_colah", Convention(gru=gru_step_colah), ("GRU",)),
    "lstm_ifog": Variant("lstm_ifog", Convention(lstm=lstm_step_ifog), ("LSTM",)),
    # needs a bias: the change that makes it equal to the module adds its 1 to b_if
    "lstm_forget_one": Variant(
        "lstm_forget_one", Convention(lstm=lstm_step_forget_bias_one), ("LSTM",), needs_bias=True
    ),
    "single_bias": Variant("single_bias", Convention(bias_hh=False), ALL_MODES, needs_bias=True),
}


def variants_for(cfg: RNNConfig) -> list[str]:
    """The variants that mean something for this config, PyTorch's own first."""
    return [v.name for v in VARIANTS.values() if cfg.mode in v.modes and (cfg.bias or not v.needs_bias)]


def _variant(name: str, mode: str, bias: bool) -> Variant:
    if name not in VARIANTS:
        raise ConfigError("variant", name, "choice", choices=", ".join(VARIANTS))
    v = VARIANTS[name]
    if mode not in v.modes or (v.needs_bias and not bias):
        raise ValueError(f"variant {name!r} does not apply to nn.{mode} with bias={bias}")
    return v


# --- running a variant -------------------------------------------------------------------------


def variant_forward(module: nn.Module, input, hx=None, variant: str = "pytorch"):
    """``manual_forward`` under a textbook convention: same call and return structure as the module."""
    v = _variant(variant, module_mode(module), module.bias)
    return manual_forward(module, input, hx, convention=v.convention)


def _time_first(output, batch_first: bool) -> Tensor:
    """Any module output as (L, N, D*H_out): packed is padded, unbatched gets a batch of one."""
    if isinstance(output, PackedSequence):
        return pad_packed_sequence(output)[0]
    if output.dim() == 2:
        return output.unsqueeze(1)
    return output.transpose(0, 1) if batch_first else output


@dataclass
class VariantCheck:
    """A variant's result and how far it lands from the real module."""

    variant: str
    output: Tensor | PackedSequence  # as the module would return it
    states: tuple[Tensor, ...]  # h_n (and c_n)
    per_t_diff: Tensor  # (L,) max |variant output - module output| at each t
    final_diffs: dict[str, float]  # h_n, c_n: variant vs module
    scale: float = 1.0  # value_scale of the module's results x fan_in_factor: the tolerance's

    @property
    def max_diff(self) -> float:
        return max([self.per_t_diff.max().item(), *self.final_diffs.values()])


def variant_check(module: nn.Module, input, hx=None, variant: str = "pytorch") -> VariantCheck:
    """Run the variant and the real module on the same input; the largest difference per timestep."""
    with torch.no_grad():
        real_out, real_states = module(input, hx)
        out, states = variant_forward(module, input, hx, variant)
    real_states = real_states if isinstance(real_states, tuple) else (real_states,)
    states = states if isinstance(states, tuple) else (states,)
    diff = (_time_first(out, module.batch_first) - _time_first(real_out, module.batch_first)).abs()
    per_t = diff.amax(dim=(1, 2))  # (L,)
    finals = {
        name: (a - b).abs().max().item()
        for name, a, b in zip(("h_n", "c_n"), states, real_states, strict=False)
    }
    return VariantCheck(
        variant, out, states, per_t, finals, value_scale(real_out, *real_states) * fan_in_factor(module)
    )


@dataclass
class VariantReport:
    """What the equation page draws for one variant: small, so it caches cheaply."""

    variant: str
    per_t_diff: Tensor  # (L,), on the CPU
    final_diffs: dict[str, float]
    max_diff: float
    tolerance: float  # the float tolerance of the manual check, for scale
    device: str
    fallback: str | None = None  # the CUDA failure that sent this run to the CPU


@with_cpu_fallback
def variant_report(setting: Setting, variant: str = "pytorch") -> VariantReport:
    """The variant on the trace report's weights and input (same seed), against the real module.

    Costs one manual forward pass and one module call: less than the trace it follows, whose
    guard is applied again here (arithmetic only) so no caller can skip it.
    """
    _variant(variant, setting.cfg.mode, setting.cfg.bias)
    module, data, device = traced_setting(setting)
    check = variant_check(module, data.x.to(device), None, variant)
    return VariantReport(
        variant,
        check.per_t_diff.detach().cpu(),
        check.final_diffs,
        check.max_diff,
        tolerance(setting.torch_dtype, device, check.scale)[0],
        setting.device,
    )


# --- what the page shows -----------------------------------------------------------------------

# The textbook's equations written in PyTorch's block names, replacing PyTorch's line for line.
_LATEX = {
    "gru_reset_before": {
        2: r"n_t = \tanh(W_{in} x_t + b_{in} + W_{hn} (r_t \odot h_{t-1}) + b_{hn})",
    },
    "lstm_ifog": {
        2: r"g_t = \tanh(W_{io} x_t + b_{io} + W_{ho} h_{t-1} + b_{ho})",
        3: r"o_t = \sigma(W_{ig} x_t + b_{ig} + W_{hg} h_{t-1} + b_{hg})",
    },
    "gru_colah": {3: r"h_t = (1 - z_t) \odot h_{t-1} + z_t \odot n_t"},
    "lstm_forget_one": {1: r"f_t = \sigma(W_{if} x_t + b_{if} + W_{hf} h_{t-1} + b_{hf} + 1)"},
}
_HH_BIASES = ("hh", "hi", "hf", "hg", "ho", "hr", "hz", "hn")
_ALL_BIASES = ("ih", "ii", "if", "ig", "io", "ir", "iz", "in", *_HH_BIASES)


def _drop_biases(eq: str, tags: tuple[str, ...]) -> str:
    for tag in tags:
        eq = eq.replace(f" + b_{{{tag}}}", "")
    return eq


def variant_equations(cfg: RNNConfig, variant: str) -> list[str]:
    """The config's equations as the variant computes them (LaTeX, one line per equation)."""
    _variant(variant, cfg.mode, cfg.bias)
    eqs = equations(cfg)
    for index, line in _LATEX.get(variant, {}).items():
        eqs[index] = line if cfg.bias else _drop_biases(line, _ALL_BIASES)
    if variant == "single_bias":
        eqs = [_drop_biases(e, _HH_BIASES) for e in eqs]
    return eqs


def variant_source(cfg: RNNConfig, variant: str) -> str | None:
    """The source of the step the variant swapped in; None when it reuses PyTorch's step."""
    conv = _variant(variant, cfg.mode, cfg.bias).convention
    fn = {"RNN": conv.rnn, "LSTM": conv.lstm, "GRU": conv.gru}[cfg.mode]
    base = {"RNN": manual.rnn_step, "LSTM": manual.lstm_step, "GRU": manual.gru_step}[cfg.mode]
    return None if fn is base else source(fn)


def variant_verdict(report: VariantReport, lang: str) -> tuple[bool, str]:
    """(whether the variant lands outside the float tolerance, the sentence that says how far)."""
    diff, tol = f"{report.max_diff:.2e}", f"{report.tolerance:.2g}"
    if report.max_diff <= report.tolerance:
        return False, i18n.t("var.same", lang, diff=diff, tol=tol)
    ratio = report.max_diff / report.tolerance
    ratio_text = f"{ratio:,.0f}" if ratio >= 10 else f"{ratio:.1f}"
    return True, i18n.t("var.far", lang, diff=diff, ratio=ratio_text, tol=tol)
