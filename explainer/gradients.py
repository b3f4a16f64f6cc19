"""Gradient flow through time: how much gradient reaches each timestep, by real autograd.

Every curve is ``x.grad`` (or a layer input's ``.grad``) of a real ``nn.RNN``/``nn.LSTM``/``nn.GRU``
after ``backward()`` of ℓ = Σ h_T, the sum of a final hidden state. The manual checks write the
same gradient out by hand: for a one-layer RNN as a product of step Jacobians, for an LSTM as the
product of forget gates along the cell-state path. Everything runs in float64, so a gradient of
1e-200 is still a number rather than float32's zero.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace

import torch
from torch import nn

from explainer import budget, i18n
from explainer.cells import cell_from_layer
from explainer.config import ConfigError, RNNConfig
from explainer.inputs import make_input
from explainer.manual import trace
from explainer.run import build_module
from explainer.setting import Setting, with_cpu_fallback
from explainer.sources import source
from explainer.verify import tolerance, value_scale

Tensor = torch.Tensor
DTYPE = torch.float64

# The page's controls. weight_hh is multiplied by the scale after torch's init; "torch" keeps the
# LSTM forget-gate biases as drawn, "0" and "1" set b_if + b_hf to that sum (b_hf = 0), as a
# one-bias init (Keras' unit_forget_bias, Jozefowicz et al. 2015) would.
HH_SCALES = (0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 4.0)
FORGET_BIASES = ("torch", "0", "1")
MAX_NORMS = (0.1, 0.5, 1.0, 5.0, 10.0, 100.0)
# The layers compared side by side: the sidebar's sizes, each of these kinds of recurrence.
COMPARED = (("RNN", "tanh"), ("RNN", "relu"), ("LSTM", "tanh"), ("GRU", "tanh"))
# A factor of 100 between the first and the last timestep is what the page calls vanishing (or
# exploding, the other way): two orders of magnitude are visible on the log scale at a glance.
FACTOR = 100.0


def check_controls(hh_scale: float, forget_bias: str, max_norm: float) -> None:
    """The page's own settings, each against its list (a link may carry anything)."""
    for name, value, allowed in (
        ("hh_scale", hh_scale, HH_SCALES),
        ("forget_bias", forget_bias, FORGET_BIASES),
        ("max_norm", max_norm, MAX_NORMS),
    ):
        if value not in allowed:
            raise ConfigError(name, value, "choice", choices=", ".join(str(a) for a in allowed))


@dataclass(frozen=True)
class Controls:
    """The gradient page's own knobs, validated on construction (the trace pages have none of them).

    ``hh_scale`` multiplies every ``weight_hh`` after torch's init; ``forget_bias`` ("torch", "0",
    "1") sets the LSTM's b_if + b_hf; ``max_norm`` is ``clip_grad_norm_``'s argument.
    """

    hh_scale: float = 1.0
    forget_bias: str = "torch"
    max_norm: float = 1.0

    def __post_init__(self) -> None:
        check_controls(self.hh_scale, self.forget_bias, self.max_norm)


def compared_config(cfg: RNNConfig, mode: str, nonlinearity: str) -> RNNConfig:
    """The sidebar's sizes and flags as another kind of layer (proj_size is LSTM's alone)."""
    return replace(
        cfg,
        mode=mode,
        nonlinearity=nonlinearity,
        proj_size=cfg.proj_size if mode == "LSTM" else 0,
    )


def derived_configs(cfg: RNNConfig) -> tuple[dict[str, RNNConfig], list[RNNConfig]]:
    """The compared layers (by name) and the checks' one-layer modules, each validated.

    Raises:
        ConfigError: naming hidden_size when one of them is over the app's parameter limit
            (an LSTM of an RNN's sizes holds four times its weights).
    """
    try:
        compared = {compared_name(m, nl): compared_config(cfg, m, nl) for m, nl in COMPARED}
        checks = [
            RNNConfig("RNN", cfg.input_size, cfg.hidden_size, bias=cfg.bias, nonlinearity=nl)
            for nl in ("tanh", "relu")
        ]
        checks.append(RNNConfig("LSTM", cfg.input_size, cfg.hidden_size, bias=cfg.bias))
    except ConfigError as err:
        if err.rule != "too_many_params":
            raise
        raise ConfigError("hidden_size", cfg.hidden_size, "grad_too_many_params", **err.params) from None
    return compared, checks


def prepare_module(
    cfg: RNNConfig, seed: int, device: torch.device, hh_scale: float = 1.0, forget_bias: str = "torch"
) -> nn.Module:
    """The real module in float64, with weight_hh scaled and (LSTM with biases) the forget bias set."""
    module = build_module(cfg, seed, device).to(DTYPE)
    H = cfg.hidden_size
    with torch.no_grad():
        for name, p in module.named_parameters():
            if name.startswith("weight_hh"):
                p.mul_(hh_scale)
            if cfg.mode == "LSTM" and forget_bias != "torch" and name.startswith("bias_"):
                # rows H:2H are the f block (gate order i, f, g, o); the two biases only appear as a sum
                p[H : 2 * H] = float(forget_bias) if name.startswith("bias_ih") else 0.0
    return module


def _time_first(t: Tensor, batch_first: bool) -> Tensor:
    """(L, N, F) from the module's layout; unbatched (L, F) becomes a batch of one."""
    if t.dim() == 2:
        return t.unsqueeze(1)
    return t.transpose(0, 1) if batch_first else t


def per_step_norm(g: Tensor) -> Tensor:
    """‖g_t‖ over the batch and the features at each t, for time-first g (L, N, F) -> (L,).

    Scaled by the largest entry first: the squares of an exploding 1e200 would overflow float64.
    """
    flat = g.reshape(g.shape[0], -1)  # (L, N*F)
    top = flat.abs().amax(dim=1, keepdim=True)  # (L, 1)
    safe = torch.where(top > 0, top, torch.ones_like(top))
    return (torch.linalg.vector_norm(flat / safe, dim=1) * top[:, 0]).detach()


def final_row(cfg: RNNConfig) -> int:
    """Row of h_n whose sum is ℓ for a whole module: the top layer's forward direction."""
    return (cfg.num_layers - 1) * cfg.D


def input_gradient(module: nn.Module, cfg: RNNConfig, x: Tensor) -> tuple[Tensor, Tensor]:
    """‖∂ℓ/∂x_t‖ per t for ℓ = Σ h_n[top layer, forward], by backward() on the real module.

    Leaves the .grad of parameters that require it filled (clip_grad_norm_ reads them); a module
    whose parameters do not skips the weight gradients, most of backward's work at batch size 1.
    Returns (norms (L,), ℓ).
    """
    x = x.detach().clone().requires_grad_(True)
    module.zero_grad(set_to_none=True)
    _, states = module(x)
    h_n = states[0] if isinstance(states, tuple) else states
    if h_n.dim() == 2:  # unbatched: (D*num_layers, H_out)
        h_n = h_n.unsqueeze(1)
    loss = h_n[final_row(cfg)].sum()
    loss.backward()
    return per_step_norm(_time_first(x.grad, module.batch_first)), loss.detach()


def one_layer(module: nn.Module, layer: int, input_size: int) -> nn.Module:
    """A real one-layer module (time first) holding layer ``layer``'s weights, both directions."""
    mode = type(module).__name__
    kwargs = dict(hidden_size=module.hidden_size, bias=module.bias, bidirectional=module.bidirectional)
    if mode == "RNN":
        kwargs["nonlinearity"] = module.nonlinearity
    if mode == "LSTM":
        kwargs["proj_size"] = module.proj_size
    p0 = next(module.parameters())
    one = getattr(nn, mode)(input_size=input_size, **kwargs, device="meta")
    one = one.to_empty(device=p0.device).to(p0.dtype).eval()
    with torch.no_grad():
        for name, p in one.named_parameters():
            p.copy_(getattr(module, name.replace("_l0", f"_l{layer}")))
    return one.requires_grad_(False)  # only the gradient reaching the input is wanted


def layer_gradients(module: nn.Module, x: Tensor) -> Tensor:
    """Per layer and direction, ‖∂ℓ/∂u_t‖ where u is that layer's input and ℓ = Σ of its final h.

    Each layer runs as a real one-layer module with its weights, on the previous layer's real
    output (detached): the curve is that layer's own recurrence, nothing of the layers above.
    The reverse direction's final state is at t = 0, so its gradient is largest there.
    Returns (num_layers, D, L).
    """
    D = 2 if module.bidirectional else 1
    u = _time_first(x, module.batch_first)  # (L, N, H_in)
    rows = []
    for layer in range(module.num_layers):
        one = one_layer(module, layer, u.shape[-1])
        u = u.detach().clone().requires_grad_(True)
        out, states = one(u)
        h_n = states[0] if isinstance(states, tuple) else states  # (D, N, H_out)
        per_dir = []
        for d in range(D):
            (g,) = torch.autograd.grad(h_n[d].sum(), u, retain_graph=d + 1 < D)
            per_dir.append(per_step_norm(g))
        rows.append(torch.stack(per_dir))
        u = out  # (L, N, D*H_out): the next layer's input
    return torch.stack(rows)


# --- the manual checks: the gradient written out by hand -------------------------------------------


def rnn_input_gradients(h: Tensor, w_ih: Tensor, w_hh: Tensor, relu: bool) -> Tensor:
    """∂(Σ h_T)/∂x_t for every t, as the product of step Jacobians written out by hand.

    ∂h_t/∂h_{t-1} = diag(a_t) W_hh and ∂h_t/∂x_t = diag(a_t) W_ih, where a_t = 1 − h_t² for tanh
    (tanh' read from its output) and the mask 1[h_t > 0] for relu. So
    ∂h_T/∂x_t = diag(a_T) W_hh · … · diag(a_{t+1}) W_hh · diag(a_t) W_ih.

    Args:
        h: (L, N, H) the layer's hidden states h_0 … h_T (T = L − 1).
    Returns:
        (L, N, H_in).
    """
    a = (h > 0).to(h.dtype) if relu else 1 - h**2  # (L, N, H): the activation's slope at each step
    row = torch.ones_like(h[-1])  # (N, H): ∂(Σ h_T)/∂h_T
    grads = [torch.empty(0)] * len(h)
    for t in range(len(h) - 1, -1, -1):
        grads[t] = (row * a[t]) @ w_ih  # (N, H_in): row · diag(a_t) W_ih
        jac = a[t][:, :, None] * w_hh  # (N, H, H): the step Jacobian ∂h_t/∂h_{t-1} = diag(a_t) W_hh
        row = (row[:, None, :] @ jac)[:, 0]  # (N, H): ∂(Σ h_T)/∂h_{t-1}, one Jacobian further
    return torch.stack(grads)  # (L, N, H_in)


def forget_products(f: Tensor) -> Tensor:
    """∂c_T/∂c_t along the cell-state path alone: Π_{k=t+1..T} f_k, since c_k = f_k ⊙ c_{k-1} + i_k ⊙ g_k.

    Args:
        f: (L, N, H) the forget gates. Returns (L, N, H); at t = T the product is empty (1).
    """
    out = torch.ones_like(f)
    for t in range(len(f) - 2, -1, -1):
        out[t] = out[t + 1] * f[t + 1]  # (N, H)
    return out


def cell_path_autograd(cell: nn.LSTMCell, xs: Tensor) -> Tensor:
    """∂(Σ c_T)/∂c_t by autograd through a real nn.LSTMCell loop whose gates do not see h's history.

    h is detached before each step, so c_t reaches c_T only through f ⊙ c: the direct path.
    xs: (L, N, H_in). Returns (L, N, H).
    """
    N, H = xs.shape[1], cell.hidden_size
    h, c = xs.new_zeros(N, H), xs.new_zeros(N, H).requires_grad_(True)  # c carries the gradient
    cs = []
    for x_t in xs:
        h, c = cell(x_t, (h.detach(), c))  # the gates read h as a constant: the path through h is cut
        c.retain_grad()
        cs.append(c)
    cs[-1].sum().backward()
    return torch.stack([c.grad for c in cs])


@dataclass(frozen=True)
class ManualCheck:
    """One hand-written gradient against autograd: per-t norms of both and the largest difference."""

    name: str  # 'rnn_tanh', 'rnn_relu', 'lstm_cell_path'
    manual: Tensor  # (L,) ‖manual gradient at t‖
    autograd: Tensor  # (L,) ‖autograd's gradient at t‖
    max_diff: float  # largest |manual − autograd| over every entry
    tolerance: float
    first_mean: float = math.nan  # the manual gradient at t = 0, averaged (for the LSTM: mean Π f)
    rel_diff: float = 0.0  # largest |manual − autograd| at a timestep over autograd's largest there
    gate_mean: float = math.nan  # for the LSTM: its forget gates' mean over every t, item and unit

    @property
    def ok(self) -> bool:
        return self.max_diff <= self.tolerance


def relative_diff(mine: Tensor, real: Tensor) -> float:
    """max over t of max|mine_t − real_t| / max|real_t|, for time-first (L, ...) tensors.

    The tolerance is absolute and scaled by the largest gradient, so a vanished 1e-30 at t = 0 would
    pass whatever it was; this measures each timestep against its own size. Steps where autograd's
    gradient is exactly 0 count when the manual one is not.
    """
    diff = (mine - real).abs().reshape(len(real), -1).amax(dim=1)  # (L,)
    size = real.abs().reshape(len(real), -1).amax(dim=1)  # (L,)
    rel = torch.where(size > 0, diff / torch.where(size > 0, size, torch.ones_like(size)), diff * math.inf)
    rel = torch.nan_to_num(rel, nan=0.0)  # 0 / 0 at an exactly-zero step where both agree
    return rel.max().item()


def rnn_jacobian_check(
    module: nn.RNN, xs: Tensor, manual: Callable[..., Tensor] = rnn_input_gradients
) -> ManualCheck:
    """A one-layer, one-direction, time-first nn.RNN: ``manual`` against x.grad from backward().

    The states the hand-written product reads come from manual.trace (the equations by hand), so
    nothing on the manual side is taken from the module's autograd graph.
    """
    x = xs.detach().clone().requires_grad_(True)
    _, h_n = module(x)
    h_n[0].sum().backward()
    with torch.no_grad():
        h = trace(module, xs).h[0, 0]  # (L, N, H)
        mine = manual(h, module.weight_ih_l0, module.weight_hh_l0, module.nonlinearity == "relu")
    diff = (mine - x.grad).abs().max().item()
    return ManualCheck(
        f"rnn_{module.nonlinearity}",
        per_step_norm(mine),
        per_step_norm(x.grad),
        diff,
        tolerance(DTYPE, xs.device, value_scale(x.grad))[0],  # rounding grows with the gradient's size
        mine[0].mean().item(),
        relative_diff(mine, x.grad),
    )


def lstm_path_check(
    module: nn.LSTM, xs: Tensor, manual: Callable[[Tensor], Tensor] = forget_products
) -> ManualCheck:
    """A one-layer, one-direction, time-first nn.LSTM: Π f (from manual.trace) against autograd's
    ∂(Σ c_T)/∂c_t through a real nn.LSTMCell holding the layer's weights, the h path cut."""
    with torch.no_grad():
        f = trace(module, xs).gates["f"][0, 0]  # (L, N, H)
        mine = manual(f)
    real = cell_path_autograd(cell_from_layer(module).requires_grad_(False), xs)  # no weight grads
    diff = (mine - real).abs().max().item()
    tol = tolerance(DTYPE, xs.device)[0]  # every factor is a product of gates in (0, 1)
    return ManualCheck(
        "lstm_cell_path",
        per_step_norm(mine),
        per_step_norm(real),
        diff,
        tol,
        mine[0].mean().item(),
        relative_diff(mine, real),
        f.mean().item(),
    )


def manual_sources() -> dict[str, str]:
    """The hand-written gradients as they ran (inspect.getsource): the code on screen is the code tested."""
    return {
        "rnn": source(rnn_input_gradients),
        "lstm": source(forget_products, cell_path_autograd),
    }


# --- the page's report -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Clipping:
    """clip_grad_norm_ on the sidebar module's parameter gradients (after backward of ℓ)."""

    max_norm: float
    before: float  # clip_grad_norm_'s return value: the total norm before clipping
    after: float  # torch.nn.utils.get_total_norm of the clipped gradients
    coef: float  # the factor every gradient was multiplied by: min(1, max_norm / (before + 1e-6))


@dataclass
class GradientReport:
    """Everything the gradients page draws: per-t norms (small), computed once per setting."""

    cfg: RNNConfig
    seq_len: int  # L of the input (a text sets it: one step per character)
    compared: dict[str, Tensor]  # 'RNN (tanh)', 'RNN (relu)', 'LSTM', 'GRU' -> (L,) ‖∂ℓ/∂x_t‖
    layers: Tensor  # (num_layers, D, L) for the sidebar's module
    clipping: Clipping
    checks: list[ManualCheck]
    forget_mean: float  # mean forget gate of the checked LSTM (its f over every t, item, unit)
    device: str
    fallback: str | None = None


def compared_name(mode: str, nonlinearity: str) -> str:
    return f"RNN ({nonlinearity})" if mode == "RNN" else mode


def check_gradients(
    cfg: RNNConfig, seq_len: int, batch_size: int | None, device_type: str = "cpu"
) -> budget.Cost:
    """The estimate of the page's work, or BudgetError naming a smaller setting that fits."""
    return budget.check("gradients", cfg, seq_len, batch_size, device_type, DTYPE.itemsize)


@with_cpu_fallback
def gradient_report(setting: Setting, controls: Controls = Controls()) -> GradientReport:
    """Gradient norms per timestep for the compared layers, per layer of the sidebar's module,
    clip_grad_norm_'s figures, and the manual checks; the guard is applied before any allocation.

    Everything runs in float64 (a setting in another dtype is refused: say so rather than ignore it).
    """
    if setting.torch_dtype != DTYPE:
        raise ConfigError("dtype", setting.dtype, "choice", choices=str(DTYPE).removeprefix("torch."))
    cfg, seed, device = setting.cfg, setting.seed, setting.torch_device
    hh_scale, forget_bias, max_norm = controls.hh_scale, controls.forget_bias, controls.max_norm
    others, one_layer_checks = derived_configs(cfg)  # before the estimate: a module over the limit
    check_gradients(cfg, setting.seq_len, setting.batch_size, device.type)
    data = make_input(setting)
    x = data.x.to(device)

    # the sidebar's own kind is one of the compared: the same module, whose parameters' .grad
    # clip_grad_norm_ reads; the others skip the weight gradients
    own_name, own = compared_name(cfg.mode, cfg.nonlinearity), None
    compared = {}
    for name, other in others.items():
        module = prepare_module(other, seed, device, hh_scale, forget_bias).requires_grad_(name == own_name)
        compared[name] = input_gradient(module, other, x)[0].cpu()
        own = module if name == own_name else own
    before = torch.nn.utils.clip_grad_norm_(own.parameters(), max_norm)  # the total norm before clipping
    after = torch.nn.utils.get_total_norm([p.grad for p in own.parameters()])
    coef = min(1.0, max_norm / (before.item() + 1e-6))  # torch's own formula, for the sentence
    clipping = Clipping(max_norm, before.item(), after.item(), coef)
    layers = layer_gradients(own, x).cpu()

    xs = _time_first(x, cfg.batch_first)  # (L, N, H_in)
    rnn_tanh, rnn_relu, lstm = one_layer_checks
    checks = [
        rnn_jacobian_check(prepare_module(one, seed, device, hh_scale).requires_grad_(False), xs)
        for one in (rnn_tanh, rnn_relu)
    ]
    checks.append(lstm_path_check(prepare_module(lstm, seed, device, hh_scale, forget_bias), xs))
    return GradientReport(
        cfg,
        data.seq_len,
        compared,
        layers,
        clipping,
        [replace(c, manual=c.manual.cpu(), autograd=c.autograd.cpu()) for c in checks],
        checks[-1].gate_mean,
        setting.device,
    )


# --- what the page says: every number in a sentence comes from the report ---------------------------


def sci(value: float) -> str:
    """3.2 × 10⁻⁶ (a number a learner reads at a glance); plain below 1000 and above 0.01."""
    if not math.isfinite(value):
        return str(value)
    if value == 0 or 0.01 <= abs(value) < 1000:
        return f"{value:.3g}"
    exp = math.floor(math.log10(abs(value)))
    mant = value / 10**exp
    sup = str(exp).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))
    return f"{mant:.2g} × 10{sup}"


def ratio_first_last(norms: Tensor) -> float | None:
    """‖g_0‖ / ‖g_T‖: how much of the gradient at the last step reaches the first. None for L = 1;
    nan when either is not finite; 0.0 or inf when one of them is exactly 0 (see ``verdict``)."""
    if len(norms) < 2:
        return None
    first, last = norms[0].item(), norms[-1].item()
    if not math.isfinite(first) or not math.isfinite(last):
        return math.nan
    if first == 0 or last == 0:
        return 0.0 if last else math.inf  # inf also for 0/0: no gradient at either end
    return first / last


def verdict(ratio: float | None) -> str:
    """'vanishes', 'explodes', 'keeps' (within FACTOR either way), 'single' (L = 1), 'zero' (an
    exact 0 at t = 0 or t = T: no path carries any gradient there, e.g. every relu unit inactive,
    not a decay) or 'overflow' (inf or nan)."""
    if ratio is None:
        return "single"
    if math.isnan(ratio):
        return "overflow"
    if ratio == 0.0 or math.isinf(ratio):
        return "zero"
    if ratio < 1 / FACTOR:
        return "vanishes"
    return "explodes" if ratio > FACTOR else "keeps"


def claims(report: GradientReport, lang: str) -> list[str]:
    """One computed sentence per compared layer: the first step's share of the last step's gradient."""
    T = report.seq_len - 1
    out = []
    for name, norms in report.compared.items():
        ratio = ratio_first_last(norms)
        kind = verdict(ratio)
        params = dict(name=name, T=T, factor=f"{FACTOR:.0f}")
        if kind in ("vanishes", "explodes", "keeps"):
            params |= dict(ratio=sci(ratio), step=f"{ratio ** (1 / T):.3g}")  # the geometric mean per step
            # how far from 1, said as a size: 41x smaller is not "the whole gradient"
            params |= dict(times=f"{max(ratio, 1 / ratio):.3g}")
            if kind == "keeps":
                kind = "keeps_smaller" if ratio < 1 else "keeps_larger"
        if kind == "zero":
            params |= dict(at="0" if norms[0].item() == 0 else str(T))
        out.append(i18n.t(f"grad.claim.{kind}", lang, **params))
    rnn, lstm = report.compared["RNN (tanh)"], report.compared["LSTM"]
    if len(rnn) > 1 and rnn[0] > 0 and math.isfinite(lstm[0].item() / rnn[0].item()):
        out.append(i18n.t("grad.lstm_vs_rnn", lang, ratio=sci(lstm[0].item() / rnn[0].item())))
    return out


def zero_points(report: GradientReport) -> int:
    """How many drawn points are exactly 0 (or not finite): the log scale cannot show them."""
    curves = [*report.compared.values(), *report.layers.reshape(-1, report.layers.shape[-1])]
    return sum(int(((c <= 0) | ~torch.isfinite(c)).sum()) for c in curves)


def cell_path_sentence(report: GradientReport, lang: str) -> str:
    """Why the LSTM's path keeps gradients, with this setting's forget gates and their product."""
    path = next(c for c in report.checks if c.name == "lstm_cell_path")
    if report.seq_len < 2:  # no step back to multiply over
        return i18n.t("grad.why_lstm_single", lang, f_mean=f"{report.forget_mean:.3f}")
    return i18n.t(
        "grad.why_lstm",
        lang,
        f_mean=f"{report.forget_mean:.3f}",
        prod=sci(path.first_mean),
        T=report.seq_len - 1,
    )


def clip_sentence(report: GradientReport, lang: str) -> str:
    """What clip_grad_norm_ returned and did, from torch's own numbers."""
    c = report.clipping
    key = "grad.clip_clipped" if c.coef < 1 else "grad.clip_kept"
    return i18n.t(key, lang, before=sci(c.before), after=sci(c.after), max_norm=c.max_norm, coef=sci(c.coef))
