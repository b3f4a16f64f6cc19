"""What a setting costs before anything runs, and what one interaction may spend on a shared server.

A class of 40 shares one small server: one student's huge setting must not stall the others.
Every page that computes numbers estimates the work first (floating-point operations and the
bytes it holds at once) and compares it with the budget of the device it would run on. Beyond
the budget it refuses with the estimate and a concrete smaller setting that fits.

The estimates are counts, not timings: monotone in every size, so a smaller setting is never
refused when a larger one was accepted. ``make bench`` measures what the largest accepted
settings really cost (``guard`` in bench/results.json).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from explainer.config import GATES, LIMITS, ConfigError, RNNConfig
from explainer.i18n import t

FLOAT_BYTES = 4


@dataclass(frozen=True)
class Cost:
    flops: int  # multiply-adds x 2 of all the matmuls
    bytes: int  # memory held at once: weights, input, every kept state, the batched projections
    seconds: float  # predicted time on the device, from the rates below
    values: int = 0  # numbers kept for drawing (a trace); bounds what a page sends the browser


@dataclass(frozen=True)
class Budget:
    seconds: float
    bytes: float
    values: int = 0  # 0: not bounded


@dataclass(frozen=True)
class Rates:
    """Seconds per unit of work: a linear model fitted to measured runs (bench/results.json 'guard')."""

    per_gflop: float  # arithmetic
    per_gb_weights: float  # weights streamed once per step: what a batch of one is bound by
    per_step: float  # one (layer, direction, time step) of Python or kernel-launch overhead
    base: float


# CPU: fitted on this 2-core machine with one torch thread per server process, 110 random
# settings, then rounded up (the fit is within a factor 2.5 of every measured run).
# CUDA: not measured here (no GPU in the session that wrote this); deliberately modest guesses,
# dominated by kernel launches per step.
RATES: dict[str, dict[str, Rates]] = {
    "forward": {"cpu": Rates(0.02, 0.06, 15e-6, 0.005), "cuda": Rates(0.0005, 0.001, 30e-6, 0.005)},
    "trace": {"cpu": Rates(0.05, 0.15, 150e-6, 0.006), "cuda": Rates(0.0005, 0.001, 400e-6, 0.01)},
    "packed": {"cpu": Rates(0.03, 0.12, 25e-6, 0.007), "cuda": Rates(0.0005, 0.001, 60e-6, 0.01)},
    # per_step: one step of a Python loop (the manual checks, the LSTMCell loop); a fused module's
    # step, forward or backward, counts FUSED_STEP of one. CPU: fitted on 30 random settings in
    # float64 (within a factor 2.5 of each), then rounded up; CUDA: a guess, as above.
    "gradients": {"cpu": Rates(0.08, 0.1, 40e-6, 0.04), "cuda": Rates(0.0005, 0.001, 300e-6, 0.02)},
    # patterns page: forward passes only, so the forward rates (it always runs on the CPU)
    "patterns": {"cpu": Rates(0.02, 0.06, 15e-6, 0.005)},
}

# Per interaction. The seconds are predicted, not measured: the slowest accepted setting measured
# by `make bench` stays within the goal of 2 s per rerun. Memory is per session at once; a trace
# is drawn in the browser, so its number of values is the same on every device.
BUDGETS: dict[str, dict[str, Budget]] = {
    # shapes page: one forward pass; above the budget torch checks the shapes on `meta` instead
    "forward": {"cpu": Budget(0.5, 256e6), "cuda": Budget(0.5, 2e9)},
    # hidden-state and equation pages: the module, the hand-written trace and one check per layer
    "trace": {"cpu": Budget(0.8, 256e6, 4_000_000), "cuda": Budget(0.8, 2e9, 4_000_000)},
    # packed page: the module on the padded batch twice (packed and unpacked), in float64
    "packed": {"cpu": Budget(0.5, 256e6), "cuda": Budget(0.5, 2e9)},
    # gradients page: forward and backward of five modules and the manual checks, in float64
    "gradients": {"cpu": Budget(0.8, 256e6), "cuda": Budget(0.8, 2e9)},
    # patterns page: two forward passes, or an encoder and a decoder up to twice as wide
    "patterns": {"cpu": Budget(0.5, 256e6)},
}


# A run on the `meta` device computes no numbers, yet torch still applies its Python shape rules to
# every operation of every (layer, direction, time step): measured on this machine with one thread,
# RNN 2-3.5 ms, GRU 4.5-6 ms, LSTM 6-7.5 ms per step, whatever the sizes. A 3-layer bidirectional
# LSTM over 200 steps takes 8-11 s on meta, ten times its real CPU forward pass.
META_PER_STEP = {"RNN": 4e-3, "GRU": 7e-3, "LSTM": 8e-3}


def meta_seq_len(mode: str, num_layers: int, directions: int, seq_len: int, seconds: float) -> int:
    """The longest prefix of the sequence a meta run can check within ``seconds`` (at least 1 step).

    Every shape rule of a recurrent layer holds at any length: torch checks the input's feature
    size and the states' shapes before the first step, and the output has one row per step.
    """
    per_step = num_layers * directions * META_PER_STEP.get(mode, max(META_PER_STEP.values()))
    return max(1, min(seq_len, int(seconds / per_step)))


def forward_flops(cfg: RNNConfig, seq_len: int, batch_size: int | None) -> int:
    """Multiply-adds x 2 of one forward pass: the matmuls dominate."""
    return _flops(cfg, cfg.mode, cfg.num_layers, cfg.D, seq_len, batch_size)


def _flops(cfg: RNNConfig, mode: str, layers: int, D: int, seq_len: int, batch_size: int | None) -> int:
    """forward_flops of a ``mode`` layer with cfg's sizes, without building its config (an LSTM of
    an RNN's sizes may be over MAX_PARAMETERS; the gradients page refuses it, but estimates first)."""
    n = batch_size or 1
    proj = cfg.proj_size if mode == "LSTM" else 0
    H_out = proj or cfg.hidden_size
    rows = len(GATES[mode]) * cfg.hidden_size
    total = 0
    for layer in range(layers):
        in_width = cfg.input_size if layer == 0 else D * H_out
        per_step = rows * (in_width + H_out) + proj * cfg.hidden_size
        total += D * seq_len * n * 2 * per_step
    return total


def trace_values(cfg: RNNConfig, seq_len: int, batch_size: int | None) -> int:
    """Numbers a trace holds: the input, every h, plus c and the gates for LSTM / GRU."""
    if cfg.mode == "RNN":
        per_step = cfg.H_out
    else:
        per_step = cfg.H_out + cfg.hidden_size * (cfg.G + (1 if cfg.mode == "LSTM" else 0))
    n = batch_size or 1
    return cfg.num_layers * cfg.D * seq_len * n * per_step + seq_len * n * cfg.input_size


# Compared side by side on the gradients page (explainer/gradients.py COMPARED): G of each.
GRADIENT_MODES = ("RNN", "RNN", "LSTM", "GRU")
# A fused module's (layer, direction, step) against one step of a Python loop: on the CPU in float64
# both are a handful of small kernels (measured: the same), on CUDA one step inside cuDNN's kernel.
FUSED_STEP = {"cpu": 1.0, "cuda": 0.1}
# Seconds per GB of weight gradients written (weights x steps x 8 bytes) when the weights no longer
# fit the cache; CPU measured on this machine under load, CUDA a guess (HBM is ~50x faster).
WEIGHT_GRAD_PER_GB = {False: 2.5, True: 0.05}


def gradient_work(cfg: RNNConfig, seq_len: int, batch_size: int | None) -> tuple[int, int, int, int]:
    """(flops, fused steps, Python-loop steps, values held at once) of the gradients page.

    Forward and backward cost about 3 forward passes. The page runs the four compared layers (3
    each; the sidebar's own kind is one of them), each layer of the sidebar's module again as a
    one-layer module with one backward per direction (1 + 2D), and three one-layer checks: two RNNs
    (fused forward and backward, a hand trace and the Jacobian product, each a loop over t) and one
    LSTM (a hand trace, the forget-gate product, and an nn.LSTMCell loop forward and backward).
    A fused step is one (layer, direction, timestep) inside torch's kernel, forward or backward.
    """
    n = batch_size or 1
    H, L = cfg.hidden_size, seq_len
    flops = fused = 0
    for mode in GRADIENT_MODES:
        flops += 3 * _flops(cfg, mode, cfg.num_layers, cfg.D, L, batch_size)
        fused += 3 * cfg.num_layers * cfg.D * L
    flops += (1 + 2 * cfg.D) * forward_flops(cfg, L, batch_size)
    fused += (1 + 2 * cfg.D) * cfg.num_layers * cfg.D * L
    for mode in ("RNN", "RNN", "LSTM"):
        flops += 4 * _flops(cfg, mode, 1, 1, L, batch_size)  # forward and backward, and the hand trace
    fused += 2 * 3 * L
    flops += 2 * 2 * L * n * (2 * H * H + H * cfg.input_size)  # the Jacobian products (N, H, H)
    loops = 2 * 2 * L + 5 * L
    widest = max(cfg.input_size, cfg.D * cfg.H_out, 4 * H)
    held = 5 * cfg.parameter_count + 2 * L * n * widest * cfg.num_layers * cfg.D + 2 * n * H * H
    return flops, fused, loops, held


def _activations(cfg: RNNConfig, seq_len: int, batch_size: int | None) -> int:
    """Values of one forward pass held at once: input, one layer's output and its input projection."""
    n = batch_size or 1
    widest = max(cfg.input_size, cfg.D * cfg.H_out)
    return seq_len * n * (cfg.input_size + 2 * widest + cfg.D * cfg.G * cfg.hidden_size)


def estimate(
    kind: str,
    cfg: RNNConfig,
    seq_len: int,
    batch_size: int | None,
    itemsize: int = FLOAT_BYTES,
    device_type: str = "cpu",
) -> Cost:
    """The work of one interaction of ``kind`` (forward, trace, packed or gradients) at this setting."""
    flops = forward_flops(cfg, seq_len, batch_size)
    weights = cfg.parameter_count
    acts = _activations(cfg, seq_len, batch_size)
    values = 0
    if kind == "forward":
        runs, held = 1.0, FLOAT_BYTES * (weights + acts)
    elif kind == "patterns":
        # the leak runs the module twice; seq2seq runs the encoder, then a one-direction decoder
        # D times as wide over L + 1 steps, plus the heads over every step. Counted as 3 runs (5 with
        # two directions): at the edge of the budget (largest_accepted) a run took 0.2-1.3 s on this
        # 2-core machine shared with four other jobs, the slowest a 1-layer GRU with hidden 1024
        runs = 3.0 + 2.0 * (cfg.D - 1)
        held = FLOAT_BYTES * (3 * weights + 4 * acts)
    elif kind == "packed":
        runs, itemsize, held = 2.0, 8, 8 * (weights + 2 * acts)
    elif kind == "gradients":
        itemsize = 8  # float64 throughout: a vanished gradient stays a number
        total, fused, loop_steps, held_values = gradient_work(cfg, seq_len, batch_size)
        r = RATES[kind].get(device_type, RATES[kind]["cpu"])
        fused_step = FUSED_STEP.get(device_type, FUSED_STEP["cpu"])
        seconds = r.base + total / 1e9 * r.per_gflop + (loop_steps + fused_step * fused) * r.per_step
        # Every matmul reads its weights once per step: flops / 2N of them (a batch of one is bound
        # by that, not by arithmetic). The sidebar's module also writes its weight gradients every
        # step (clip_grad_norm_ needs them): measured 3 ns a weight-step while they fit the cache,
        # 17 ns at 34 MB of weights (hidden_size 1024 LSTM, float64), so the rate grows with size.
        streamed_gb = 8 * total / (2 * (batch_size or 1)) / 1e9
        grad_gb = 8 * weights * seq_len / 1e9
        cached = min(1.0, 8 * weights / 32e6)
        seconds += streamed_gb * r.per_gb_weights + grad_gb * WEIGHT_GRAD_PER_GB[device_type == "cuda"] * (
            0.2 + 0.8 * cached
        )
        return Cost(int(total), int(8 * held_values), seconds, 0)
    elif kind == "trace":
        values = trace_values(cfg, seq_len, batch_size)
        # module + trace + one single-layer check per inner layer (the top is checked against output)
        runs = 2 + (cfg.num_layers - 1) / cfg.num_layers
        held = itemsize * (weights + acts + 2 * values)
    else:
        raise ValueError(f"unknown kind of work: {kind!r}")
    r = RATES[kind].get(device_type, RATES[kind]["cpu"])
    steps = runs * cfg.num_layers * cfg.D * seq_len
    seconds = r.base + runs * (
        flops / 1e9 * r.per_gflop + weights * itemsize * seq_len / 1e9 * r.per_gb_weights
    )
    seconds += steps * r.per_step
    return Cost(int(runs * flops), int(held), seconds, values)


def fits(cost: Cost, budget: Budget) -> bool:
    return (
        cost.seconds <= budget.seconds
        and cost.bytes <= budget.bytes
        and (not budget.values or cost.values <= budget.values)
    )


def budget_for(kind: str, device_type: str) -> Budget:
    return BUDGETS[kind].get(device_type, BUDGETS[kind]["cpu"])


# What the suggestion may shrink, in the order a learner loses least by shrinking it.
SHRINKABLE = ("seq_len", "batch_size", "hidden_size", "num_layers", "input_size")


def suggestions(
    kind: str,
    cfg: RNNConfig,
    seq_len: int,
    batch_size: int | None,
    device_type: str = "cpu",
    itemsize: int = 4,
) -> list[dict[str, int]]:
    """Smaller settings that fit, closest first: each size lowered alone as little as possible
    (ranked by the share of the size kept), else every size halved until it fits.

    Each is the changed settings only, e.g. ``{"seq_len": 80}``; proj_size is lowered with
    hidden_size where torch requires proj_size < hidden_size. Empty when nothing fits (cannot
    happen within the documented limits).
    """
    budget = budget_for(kind, device_type)
    sizes = {
        "seq_len": seq_len,
        "batch_size": batch_size,
        "hidden_size": cfg.hidden_size,
        "num_layers": cfg.num_layers,
        "input_size": cfg.input_size,
    }

    def cost_of(s: dict) -> Cost:
        smaller = replace(
            cfg,
            hidden_size=s["hidden_size"],
            num_layers=s["num_layers"],
            input_size=s["input_size"],
            proj_size=min(cfg.proj_size, s["hidden_size"] - 1),
            dropout=cfg.dropout if s["num_layers"] > 1 else 0.0,
        )
        return estimate(kind, smaller, s["seq_len"], s["batch_size"], itemsize, device_type)

    def largest_fitting(name: str, s: dict) -> int | None:
        lo, hi = 1, s[name] - 1  # binary search: the estimate is monotone in every size
        best = None
        while lo <= hi:
            mid = (lo + hi) // 2
            if fits(cost_of(s | {name: mid}), budget):
                best, lo = mid, mid + 1
            else:
                hi = mid - 1
        return best

    options = []
    for name in SHRINKABLE:
        if sizes[name] is None or sizes[name] <= 1:
            continue
        best = largest_fitting(name, sizes)
        if best is not None:
            options.append((best / sizes[name], name, best))

    def valid(option: dict[str, int]) -> dict[str, int]:
        hidden = option.get("hidden_size", cfg.hidden_size)
        return option | ({"proj_size": hidden - 1} if cfg.proj_size >= hidden else {})

    if options:
        return [valid({name: best}) for _, name, best in sorted(options, reverse=True)]
    s = dict(sizes)
    for _ in range(40):  # halve every size until it fits
        s = {k: (None if v is None else max(1, math.ceil(v / 2))) for k, v in s.items()}
        if fits(cost_of(s), budget):
            return [valid({k: v for k, v in s.items() if v != sizes[k]})]
    return []


class BudgetError(ConfigError):
    """A setting refused for its cost, with the estimate, the budget and a smaller setting that fits."""

    def __init__(
        self, kind: str, cost: Cost, budget: Budget, device_type: str, options: list[dict[str, int]]
    ):
        self.kind, self.cost, self.budget, self.options = kind, cost, budget, options
        self.suggestion = options[0] if options else None  # the closest setting that fits
        field = next(iter(self.suggestion)) if self.suggestion else "seq_len"
        self._options_text = [", ".join(f"{k} = {v}" for k, v in o.items()) for o in options[:3]]
        super().__init__(
            field,
            "—",
            f"over_budget_{kind}",
            gflops=f"{cost.flops / 1e9:.2f}",
            seconds=f"{cost.seconds:.1f}",
            max_seconds=f"{budget.seconds:.1f}",
            mb=f"{cost.bytes / 1e6:.0f}",
            values=f"{cost.values:,}",
            max_mb=f"{budget.bytes / 1e6:.0f}",
            max_values=f"{budget.values:,}",
            device=device_type.upper(),
            suggestion="",
        )

    def localized(self, lang: str) -> str:
        options = t("budget.or", lang).join(self._options_text) or "—"
        rule = t(f"rule.{self.rule}", lang, **(self.params | {"suggestion": options}))
        return t("budget_error", lang, rule=rule)


def check(
    kind: str,
    cfg: RNNConfig,
    seq_len: int,
    batch_size: int | None,
    device_type: str = "cpu",
    itemsize: int = 4,
) -> Cost:
    """The estimate when it fits the device's budget; else BudgetError naming a smaller setting."""
    cost = estimate(kind, cfg, seq_len, batch_size, itemsize, device_type)
    budget = budget_for(kind, device_type)
    if not fits(cost, budget):
        options = suggestions(kind, cfg, seq_len, batch_size, device_type, itemsize)
        raise BudgetError(kind, cost, budget, device_type, options)
    return cost


def largest_accepted(kind: str, device_type: str = "cpu") -> list[tuple[RNNConfig, int, int]]:
    """Settings at the edge of the budget, for the benchmark to time: the worst a student can ask.

    For each mode, shallow and deep, narrow and wide, batch 1 and 32: the longest accepted sequence.
    """
    budget = budget_for(kind, device_type)
    out = []
    for mode in ("RNN", "LSTM", "GRU"):
        for layers, bidir, hidden in ((1, False, 1024), (2, True, 256), (8, True, 64)):
            try:
                cfg = RNNConfig(mode, 10, hidden, layers, bidirectional=bidir)
            except ConfigError:  # over the parameter limit
                continue
            for batch in (1, 32):
                seq = next(
                    (
                        s
                        for s in range(LIMITS["seq_len"][1], 0, -1)
                        if fits(estimate(kind, cfg, s, batch, device_type=device_type), budget)
                    ),
                    None,
                )
                if seq:
                    out.append((cfg, seq, batch))
    return out
