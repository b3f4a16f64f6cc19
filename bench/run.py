"""Benchmarks (make bench): medians of repeated runs, written to bench/results.json and printed.

Not part of make test. The machine is small and noisy, so compare ratios taken in one run.
BENCH_QUICK=1 runs every figure once at small sizes, only to prove the harness works.

Figures:
- manual_vs_module: manual_forward against the module's own forward, 3-layer bidirectional
  LSTM, hidden 256, seq 200, batch 32, CPU float32 (goal: ratio <= 3).
- compute_ms[page]: the explainer work behind a page at the default settings, no Streamlit.
- rerun_ms[page]: one widget change and the full script rerun under AppTest (cache warm).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

import torch

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import explainer as ex  # noqa: E402

QUICK = os.environ.get("BENCH_QUICK") == "1"
REPEATS = 1 if QUICK else 7


def median_ms(fn, repeats: int = REPEATS, warmup: int = 1) -> float:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def manual_vs_module() -> dict:
    if QUICK:
        cfg, L, N = ex.RNNConfig("LSTM", 16, 16, 2, bidirectional=True), 20, 4
    else:
        cfg, L, N = ex.RNNConfig("LSTM", 256, 256, 3, bidirectional=True), 200, 32
    module = ex.build_module(cfg, seed=0, device="cpu")
    x, _ = ex.make_inputs(cfg, L, N, pass_hx=False, device="cpu")
    with torch.inference_mode():
        module_ms = median_ms(lambda: module(x))
        manual_ms = median_ms(lambda: ex.manual_forward(module, x))
        trace_ms = median_ms(lambda: ex.trace(module, x))
    return {
        "config": f"{ex.constructor_call(cfg)}, L={L}, N={N}, float32, CPU",
        "module_ms": round(module_ms, 2),
        "manual_ms": round(manual_ms, 2),
        "trace_ms": round(trace_ms, 2),
        "ratio": round(manual_ms / module_ms, 2),
    }


def compute_ms() -> dict:
    values = dict(ex.DEFAULTS)
    cfg, L, N = ex.validate(values)

    def shapes():
        ex.tensor_rows(cfg, L, N, False, "en")
        ex.parameter_rows(cfg, "en")
        ex.run_check(cfg, L, N, device="cpu")
        ex.grid_figure(cfg, L, True, "en")
        ex.snippet(cfg, L, N, False)

    def hidden():
        from explainer.figures import heatmap_figure, lines_figure

        report = ex.trace_report(cfg, "random", L, N, device="cpu")
        heatmap_figure(cfg, report.trace.h, 0, 0, report.data.time_labels, "h", True, "en")
        lines_figure(cfg, report.trace.h, 0, 0, [0, 1, 2], report.data.time_labels, "h", "en")

    def equations():
        from explainer.figures import diff_figure

        report = ex.trace_report(cfg, "random", L, N, device="cpu")
        ex.step_detail(report, 0, 0, 0, 0)
        diff_figure(report.per_t_diff, report.tolerance, "en")

    return {
        name: round(median_ms(fn), 1)
        for name, fn in [("shapes", shapes), ("hidden_states", hidden), ("equations", equations)]
    }


def rerun_ms() -> dict:
    from streamlit.testing.v1 import AppTest

    pages = {
        "home": None,
        "shapes": "pages/1_Shapes.py",
        "hidden_states": "pages/2_Hidden_states.py",
        "equations": "pages/3_Equations.py",
    }
    result = {}
    for name, page in pages.items():
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.run()
        if page:
            at.switch_page(page).run()
        sizes = iter([21, 20] * (REPEATS + 2))

        def change(at=at, sizes=sizes):
            at.number_input(key="w_hidden_size").set_value(next(sizes)).run()

        result[name] = round(median_ms(change, warmup=2), 1)
    return result


def training() -> dict:
    """Steps per second of each training demo, and the loss it reaches in its budget."""
    from explainer import train

    result = {}
    for task in train.TASKS:
        run = train.start(task, seed=0)
        start = time.perf_counter()
        while not run.done and (not QUICK or run.step < 20):
            train.train_chunk(run, seconds=0.2)
        seconds = time.perf_counter() - start
        result[task] = {
            "steps": run.step,
            "seconds": round(seconds, 2),
            "steps_per_s": round(run.step / seconds, 1),
            "first_loss": round(run.losses[0], 4),
            "last_loss": round(run.losses[-1], 6),
        }
    return result


def main() -> None:
    torch.set_num_threads(max(1, torch.get_num_threads()))
    results = {"quick": QUICK, "torch": torch.__version__, "threads": torch.get_num_threads()}
    results["manual_vs_module"] = manual_vs_module()
    results["compute_ms"] = compute_ms()
    results["rerun_ms"] = rerun_ms()
    results["training"] = training()
    out = ROOT / "bench" / "results.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    mv = results["manual_vs_module"]
    print(f"manual_forward vs module: {mv['config']}")
    print(
        f"  module {mv['module_ms']} ms · manual {mv['manual_ms']} ms · trace {mv['trace_ms']} ms "
        f"· ratio {mv['ratio']}x (goal <= 3x)"
    )
    print(f"{'page':<16}{'compute_ms':>12}{'rerun_ms':>12}")
    for page in results["rerun_ms"]:
        print(f"{page:<16}{results['compute_ms'].get(page, '-'):>12}{results['rerun_ms'][page]:>12}")
    for task, tr in results["training"].items():
        print(
            f"training {task}: {tr['steps']} steps in {tr['seconds']} s ({tr['steps_per_s']}/s), "
            f"loss {tr['first_loss']} -> {tr['last_loss']}"
        )
    print(f"written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
