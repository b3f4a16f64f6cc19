"""Benchmarks (make bench): medians of repeated runs, written to bench/results.json and printed.

Not part of make test. The machine is small and noisy, so compare ratios taken in one run.
BENCH_QUICK=1 runs every figure once at small sizes with a tiny load, only to prove the harness
works (tests/test_bench.py); it writes artifacts/bench-quick.json and leaves results.json alone.
BENCH_SOAK_S sets the soak (default 600 s); BENCH_SESSIONS the class size (default 40);
BENCH_HOSTILE_S each run of the hostile section (default 120 s); BENCH_SCALE=1 adds issue 16's
sections (bench/scale.py: a class of 200, students per core, Locust distributed; ~45 min).

Figures (the issue "A class of 40 at once" names them):
- manual_vs_module: manual_forward against the module's own forward, 3-layer bidirectional LSTM,
  hidden 256, seq 200, batch 32, CPU float32 (goal: ratio <= 3).
- compute_ms[page]: the explainer work behind a page at the default settings, no Streamlit.
- pages_default[page] / pages_large[page]: rerun_ms (one widget change and the full script
  rerun under AppTest, the new value never computed before), payload_bytes (every element the
  script sends, figure specs included), and whether the guard refused the setting.
- guard: the slowest setting the trace guard accepts, timed, and the time of a refusal;
  guard_gradients: the same for the gradients page's guard (forward and backward, float64).
- tolerance: the worst |manual - module| relative to the numbers' size, float32 on this CPU and
  TF32 emulated (explainer/tf32.py) for the settings the CUDA guard accepts.
- cold_start_s, browser_roundtrip_ms: Debian's chromium against a fresh `streamlit run`.
- floor: Streamlit's own floor (bench/floor_page.py: the frame's widgets and one heatmap), each
  page's rerun as a ratio to it; each page's CPU against its own floor (its widgets, a figure of its
  figures' numbers), split into the new result's computation and the rest; and a CPU profile of
  each page's rerun by component (bench/floor.py).
- weight: per page, bytes (HTTP and websocket) and seconds to fully drawn, on a desktop and on an
  emulated 4G phone (Chromium's network throttling), cold cache, against `streamlit run`.
- load: N sessions over Streamlit's websocket protocol against `make serve` (nginx, one process
  per core), then a soak; server memory before, after the load and after the soak.
- hostile: N sessions on the hidden-states page, without and then with one more session pasting
  the worst debugger probe every 5 s (bench/hostile.py); the p95 ratio, errors, memory.
- first_load: a first page load by parts (HTML, bundles, websocket, first run; bench/scale.py).
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
from explainer import budget as budget_mod  # noqa: E402
from explainer import config, figures, inputs, settings, snippet  # noqa: E402
from explainer import equations as equations_mod  # noqa: E402
from explainer import run as run_mod  # noqa: E402
from explainer import shapes as shapes_mod  # noqa: E402
from explainer.setting import Setting  # noqa: E402
from ui import pages as ui_pages  # noqa: E402

QUICK = os.environ.get("BENCH_QUICK") == "1"
REPEATS = 1 if QUICK else 7
SESSIONS = 3 if QUICK else int(os.environ.get("BENCH_SESSIONS", "40"))
SOAK_S = 5.0 if QUICK else float(os.environ.get("BENCH_SOAK_S", "600"))
SCALE = os.environ.get("BENCH_SCALE") == "1"
OUT = ROOT / ("artifacts/bench-quick.json" if QUICK else "bench/results.json")


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
    x, _ = run_mod.make_inputs(cfg, L, N, pass_hx=False, device="cpu")
    with torch.inference_mode():
        module_ms = median_ms(lambda: module(x))
        manual_ms = median_ms(lambda: ex.manual_forward(module, x))
        trace_ms = median_ms(lambda: ex.trace(module, x))
    return {
        "config": f"{snippet.constructor_call(cfg)}, L={L}, N={N}, float32, CPU",
        "module_ms": round(module_ms, 2),
        "manual_ms": round(manual_ms, 2),
        "trace_ms": round(trace_ms, 2),
        "ratio": float(f"{manual_ms / module_ms:.3g}"),  # never 0.0: one stalled module call in quick mode
    }


PAGES = {page.name: page.path for page in ui_pages.PAGES}
# The large setting; a shared link carries it, as a teacher's would.
LARGE = {"mode": "LSTM", "num_layers": "3", "bidirectional": "true", "hidden_size": "256"}
LARGE |= {"seq_len": "200", "batch_size": "32"}
if QUICK:
    LARGE |= {"hidden_size": "32", "seq_len": "20", "batch_size": "4"}


def page_work(values: dict) -> dict:
    """Each page's explainer work without Streamlit (figures included), as callables."""
    from explainer import gradients as grad
    from explainer import quiz
    from explainer.debugger import diagnose_source
    from explainer.debugger.examples import EXAMPLES
    from explainer.figures import diff_figure, gradient_figure, heatmap_figure, lines_figure
    from explainer.packed import packed_figure, packed_report, parse_lengths

    cfg, L, N = settings.validate(values)
    seeds = iter(range(1, 10**6))  # a new seed each call: nothing is reused between calls

    def shapes():
        shapes_mod.tensor_rows(cfg, L, N, False, "en")
        shapes_mod.parameter_rows(cfg, "en")
        ex.run_check(cfg, L, N, seed=next(seeds), device="cpu")
        figures.grid_figure(cfg, L, True, "en")
        snippet.snippet(cfg, L, N, False)

    def trace():
        try:
            return ex.trace_report(Setting(cfg, L, N, "random", seed=next(seeds), device="cpu"))
        except budget_mod.BudgetError:
            return None  # refused before any work: the refusal is the page

    def hidden_states():
        report = trace()
        if report:
            heatmap_figure(cfg, report.trace.h, 0, 0, report.data.time_labels, "h", True, "en")
            lines_figure(cfg, report.trace.h, 0, 0, [0, 1, 2], report.data.time_labels, "h", "en")

    def equations():
        report = trace()
        if report:
            equations_mod.step_detail(report, 0, 0, 0, 0)
            diff_figure(report.per_t_diff, report.tolerance, "en")

    def debugger():
        diagnose_source(EXAMPLES["hx_layers"].code, "en")

    def quiz_page():
        q = quiz.make_question(next(seeds), 1, 0)
        quiz.rule(q, "en")
        quiz.show_answer(q, "en")

    def packed():
        try:
            packed_figure(packed_report(cfg, parse_lengths(values["lengths"]), False, next(seeds)), "en")
        except budget_mod.BudgetError:
            pass

    def gradients_page():
        try:
            report = grad.gradient_report(
                Setting(cfg, L, N, "random", seed=next(seeds), dtype="float64", device="cpu")
            )
        except budget_mod.BudgetError:
            return  # refused before any work: the refusal is the page
        gradient_figure(report.compared, "grad.axis", "en")
        gradient_figure(
            {str(i): c for i, c in enumerate(report.layers.flatten(0, 1))}, "grad.axis_layer", "en"
        )
        grad.claims(report, "en")

    def patterns_page():
        from explainer import patterns

        for pattern in patterns.PATTERNS:  # the page shows one; all four bound what a click costs
            try:
                report = patterns.pattern_report(pattern, cfg, L, N, seed=next(seeds))
                patterns.snippet(report)
            except budget_mod.BudgetError:
                pass

    return {
        "shapes": shapes,
        "hidden_states": hidden_states,
        "equations": equations,
        "debugger": debugger,
        "quiz": quiz_page,
        "packed": packed,
        "gradients": gradients_page,
        "patterns": patterns_page,
    }


def compute_ms(values: dict) -> dict:
    return {name: round(median_ms(fn), 1) for name, fn in page_work(values).items()}


def payload_bytes(at) -> int:
    """Bytes of every element the script sent (figure specs and tables included), as protobuf."""

    def walk(node) -> int:
        proto = getattr(node, "proto", None)
        size = proto.ByteSize() if proto is not None and hasattr(proto, "ByteSize") else 0
        return size + sum(walk(c) for c in getattr(node, "children", {}).values())

    return walk(at._tree)


def app_figures(query: dict | None = None, repeats: int = REPEATS) -> dict:
    """Per page, at the settings the link carries: rerun_ms (a widget change and the full rerun,
    the new value never computed before), payload_bytes, and whether the guard refused."""
    from bench.floor import no_png_renderer

    with no_png_renderer():
        return _app_figures(query, repeats)


def _app_figures(query: dict | None, repeats: int) -> dict:
    from bench.floor import app_test, changer

    out = {}
    for name, page in PAGES.items():
        at = app_test(ROOT / "app.py", None if page == "app.py" else page, query)
        change = changer(at)  # the seed; the debugger's pasted code; the quiz's next question
        ms = median_ms(change, repeats=repeats, warmup=1)
        row = {
            "rerun_ms": round(ms, 1),
            "payload_bytes": payload_bytes(at),
            "refused": any((b.key or "").startswith("budget_apply") for b in at.button),
        }
        if at.exception:
            row["exception"] = at.exception[0].value[:200]
        out[name] = row
    return out


def guard_edges(kind: str = "trace") -> dict:
    """The slowest settings the guard of ``kind`` ('trace' or 'gradients') accepts, timed; and how
    long a refusal takes."""
    from explainer import budget
    from explainer.gradients import gradient_report

    work = {"trace": ex.trace_report, "gradients": gradient_report}[kind]
    dtype = {"trace": "float32", "gradients": "float64"}[kind]  # the gradients run in float64
    cases = budget.largest_accepted(kind)[: 2 if QUICK else None]
    worst = {"ms": 0.0}
    for cfg, L, N in cases:
        ms = median_ms(
            lambda cfg=cfg, L=L, N=N: work(Setting(cfg, L, N, dtype=dtype, device="cpu")), repeats=1
        )
        if ms > worst["ms"]:
            worst = {
                "ms": round(ms, 1),
                "estimate_ms": round(budget.estimate(kind, cfg, L, N).seconds * 1000, 1),
                "setting": f"{snippet.constructor_call(cfg)}, L={L}, N={N}",
            }
    large = ex.RNNConfig("LSTM", 10, 256, 3, bidirectional=True)

    def refuse():
        try:
            work(Setting(large, 200, 32, dtype=dtype, device="cpu"))
        except budget_mod.BudgetError:
            pass

    return {
        "accepted_cases": len(cases),
        "slowest_accepted": worst,
        "refusal_ms": round(median_ms(refuse), 2),
    }


def random_settings(count: int, device_type: str, seed: int) -> list:
    """``count`` random settings the trace guard accepts on ``device_type``, leaning to the corners
    where rounding is largest (wide fan-in, tiny hidden sizes, deep stacks, relu)."""
    import random

    from explainer import budget

    rng, out = random.Random(seed), []
    while len(out) < count:
        mode = rng.choice(config.MODES)
        kw = dict(
            input_size=rng.choice([1, 2, 10, 64, 256, 1024]),
            hidden_size=rng.choice([1, 2, 4, 16, 64, 256, 1024]),
            num_layers=rng.randint(1, 8),
            bidirectional=rng.random() < 0.5,
            bias=rng.random() < 0.8,
        )
        if mode == "RNN" and rng.random() < 0.5:
            kw["nonlinearity"] = "relu"
        if mode == "LSTM" and kw["hidden_size"] > 1 and rng.random() < 0.3:
            kw["proj_size"] = rng.randint(1, kw["hidden_size"] - 1)
        try:
            cfg = ex.RNNConfig(mode, **kw)
        except ex.ConfigError:
            continue
        L, N = rng.choice([1, 5, 50, 200, 512]), rng.choice([None, 1, 8, 32])
        cost = budget.estimate("trace", cfg, L, N, device_type=device_type)
        # CUDA's accepted settings are emulated on this CPU: keep each under a second here
        if budget.fits(cost, budget.budget_for("trace", device_type)) and (
            budget.estimate("trace", cfg, L, N).seconds < 1.0
        ):
            out.append((cfg, L, N, rng.choice(["random", "sine"])))
    return out


def tolerance_figures() -> dict:
    """What the equation page's tolerances rest on: the worst |manual - module| per unit of the
    tolerance's scale (value_scale x fan_in_factor), float32 on this CPU and TF32 emulated for
    the settings the CUDA guard accepts."""
    from explainer import budget
    from explainer.tf32 import tf32_gap
    from explainer.verify import CUDA_TF32_TOLERANCE, TOLERANCE, fan_in_factor, rounding_corners, value_scale

    def worst(rows):
        top = max(rows, key=lambda r: r[0])
        return {"relative": float(f"{top[0]:.3g}"), "setting": top[1], "settings": len(rows)}

    n = 4 if QUICK else 300
    cpu = []
    corners = rounding_corners()[: 1 if QUICK else None]
    for cfg, L, N, source in corners + random_settings(n, "cpu", seed=1):
        r = ex.trace_report(Setting(cfg, L, N, source, device="cpu"))
        cpu.append(
            (r.max_diff / (r.scale * r.fan_in), f"{snippet.constructor_call(cfg)}, L={L}, N={N}, {source}")
        )
    cases = [(c, L, N, "random") for c, L, N in budget.largest_accepted("trace", "cuda")]
    tf32 = []
    for cfg, L, N, source in corners + (cases[:2] if QUICK else cases) + random_settings(n, "cuda", seed=2):
        module = ex.build_module(cfg, 0, "cpu")
        with torch.no_grad():
            exact = ex.trace(module, inputs.make_input(Setting(cfg, L, N, source, seed=0)).x)
        rel = tf32_gap(cfg, L, N, source=source) / (value_scale(exact.h, exact.c) * fan_in_factor(module))
        tf32.append((rel, f"{snippet.constructor_call(cfg)}, L={L}, N={N}, {source}"))
    return {
        "cpu_float32": worst(cpu) | {"base": TOLERANCE[("cpu", torch.float32)]},
        "tf32_emulated": worst(tf32) | {"base": CUDA_TF32_TOLERANCE},
    }


def browser_figures() -> dict:
    from bench import browser

    try:
        return browser.measure(roundtrips=2 if QUICK else 9)
    except Exception as err:  # noqa: BLE001 - no chromium: say so in the results, keep the rest
        return {"error": f"{type(err).__name__}: {str(err)[:200]}"}


def weight_figures() -> dict:
    """Bytes and seconds to fully drawn per page, desktop and an emulated 4G phone (bench/browser.py)."""
    from bench import browser
    from ui.pages import BY_NAME

    try:
        return browser.measure_weight([BY_NAME["home"]] if QUICK else None)  # quick: one page, ~30 s
    except Exception as err:  # noqa: BLE001 - no chromium: say so in the results, keep the rest
        return {"error": f"{type(err).__name__}: {str(err)[:200]}"}


def served_figures() -> dict:
    """The sections measured against `make serve`'s stack (nginx, one process per core), started
    once: the class and its soak, the hostile paster beside a class, a first page load by parts."""
    from bench import scale
    from deploy import serve

    if not serve.find_nginx():
        error = {"error": "nginx is not installed (scripts/serve-deps.sh installs it)"}
        return {"load": error, "hostile": error, "first_load": error}
    out = {}
    with scale.stack() as served:
        out["first_load"] = scale.first_load_figures(quick=QUICK, served=served)  # while it is idle
        out["load"] = load_figures(served)
        out["hostile"] = hostile_figures(served)
    return out


def hostile_figures(served) -> dict:
    """Issue 11's load measure: SESSIONS students on the hidden-states page, without and then with
    one more session pasting the worst probe (bench/hostile.py) every 5 s; their p95 ratio (goal
    <= 1.2), errors, server memory. BENCH_HOSTILE_S sets each run's length (default 120 s)."""
    from bench import hostile

    if QUICK:  # 2 students, 2 changes each; 1 paste of the worst probe (refused by the checker's count)
        return hostile.hostile_load(served.url, served, 2, interactions=2, pastes=1, paste_every_s=1)
    seconds = float(os.environ.get("BENCH_HOSTILE_S", "120"))
    return hostile.hostile_load(served.url, served, SESSIONS, seconds)


def load_figures(served) -> dict:
    """A class against `make serve`'s stack: a burst, then a soak; memory before and after each."""
    from bench.load import run_load, soak
    from bench.memory import server_memory

    url = served.url
    before = server_memory(served)
    burst = run_load(url, sessions=SESSIONS, interactions=3 if QUICK else 10, think_s=(1, 3))
    after = server_memory(served)
    steady = soak(url, SOAK_S, sessions=SESSIONS)
    time.sleep(2)
    soaked = server_memory(served)
    rss = [m["rss_mb_total"] for m in (before, after, soaked)]
    growth = None if None in rss else round((rss[2] - rss[1]) / rss[1] * 100, 1)
    tree = [m["tree_pss_mb_total"] for m in (before, after, soaked)]
    return {
        "replicas": len(before["backends"]),
        "burst": burst,
        "soak_s": SOAK_S,
        "soak": steady,
        "rss_mb": {"before": rss[0], "after_load": rss[1], "after_soak": rss[2]},
        "memory_growth_over_soak_pct": growth,
        # the Streamlit processes with their children (the PNG renderer), shared pages once
        "tree_pss_mb": {"before": tree[0], "after_load": tree[1], "after_soak": tree[2]},
        "memory": {"before": before, "after_load": after, "after_soak": soaked},
    }


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
    # the stateful section: each way of treating the state; 'retain' per step, first and last
    ways = {}
    for way in train.WAYS:
        run = train.stateful_start(way, train.DEFAULT_K, 0)
        if QUICK:
            run.steps = min(run.steps, 10)
        start = time.perf_counter()
        while not run.done:
            train.stateful_chunk(run, seconds=0.2)
        ways[way] = {
            "steps": run.step,
            "seconds": round(time.perf_counter() - start, 2),
            "first_step_ms": round(run.seconds[0] * 1000, 2) if run.seconds else None,
            "last_step_ms": round(run.seconds[-1] * 1000, 2) if run.seconds else None,
            "last_span": run.span[-1] if run.span else None,
            "last_loss": round(run.losses[-1], 6) if run.losses else None,
            "error": run.error.split(".")[0][:80],
        }
    result["stateful"] = ways
    return result


def debugger_corpus() -> dict:
    """The debugger on real code (tests/debugger_corpus): its verdicts against real torch's, and its time.

    Right: the same verdict as torch (ok, or the same exception type, message and line); refused:
    the checker would not say; wrong: a different verdict (tests/test_debugger_corpus.py fails on
    it). Times are wall-clock per diagnose_source, after a warm-up, on this machine.
    """
    sys.path.insert(0, str(ROOT / "tests"))
    import corpus  # tests/corpus.py: the oracle that runs each file under real torch

    from explainer.debugger import warm_up_once

    files = corpus.corpus_files()
    if QUICK:
        files = files[:3]
    real = corpus.real_verdicts(files)
    warm_up_once()
    counts = {"right": 0, "refused": 0, "wrong": 0}
    times, wrong = [], []
    for path in files:
        start = time.perf_counter()
        diagnosis = corpus.checker_verdict(path.read_text())
        times.append(time.perf_counter() - start)
        verdict = corpus.compare(real[path.name], diagnosis)
        counts[verdict] += 1
        if verdict == "wrong":
            wrong.append(path.name)
    return {
        "files": len(files),
        **counts,
        "wrong_files": wrong,
        "median_ms": round(statistics.median(times) * 1000, 1),
        "worst_ms": round(max(times) * 1000, 1),
    }


def main() -> None:
    from ui.frame import torch_threads

    torch.set_num_threads(torch_threads())  # what a server process uses (EXPLAINER_TORCH_THREADS)
    results = {"quick": QUICK, "torch": torch.__version__, "threads": torch.get_num_threads()}
    results["manual_vs_module"] = manual_vs_module()
    defaults = dict(settings.DEFAULTS)
    large_values = settings.from_query(LARGE)[0]
    results["compute_ms"] = compute_ms(defaults)
    results["compute_ms_large"] = compute_ms(large_values)
    results["pages_default"] = app_figures()
    results["pages_large"] = app_figures(LARGE, repeats=REPEATS if QUICK else 3)
    results["rerun_ms"] = {k: v["rerun_ms"] for k, v in results["pages_default"].items()}
    results["large_rerun_ms"] = {k: v["rerun_ms"] for k, v in results["pages_large"].items()}
    results["payload_bytes"] = {
        k: {"default": results["pages_default"][k]["payload_bytes"], "large": v["payload_bytes"]}
        for k, v in results["pages_large"].items()
    }
    from bench import floor

    results["floor"] = floor.figures(results["pages_default"], repeats=REPEATS, quick=QUICK)
    results["guard"] = guard_edges()
    results["guard_gradients"] = guard_edges("gradients")
    results["tolerance"] = tolerance_figures()
    results["training"] = training()
    results["debugger_corpus"] = debugger_corpus()
    results |= browser_figures()
    results["weight"] = weight_figures()
    results |= served_figures()
    if SCALE:  # issue 16's class of 200, students per core, Locust distributed: ~45 min more
        from bench import scale

        for name, key in (("class", "class"), ("sweep", "sweep"), ("distributed", "distributed")):
            results[key] = scale.FIGURES[name](quick=QUICK)
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps(results, indent=2) + "\n")
    report(results)
    print(f"written to {OUT.relative_to(ROOT)}")


def report(r: dict) -> None:
    """The readable table, with each figure next to its goal."""
    from bench import floor

    floor.report(r["floor"])
    mv = r["manual_vs_module"]
    print(f"manual_forward vs module: {mv['config']}")
    dc = r.get("debugger_corpus")
    if dc:
        print(
            f"debugger on real code ({dc['files']} files): right {dc['right']}, refused {dc['refused']},"
            f" wrong {dc['wrong']} (goal 0); diagnose median {dc['median_ms']} ms, worst {dc['worst_ms']} ms"
        )
    print(f"  module {mv['module_ms']} ms · manual {mv['manual_ms']} ms · ratio {mv['ratio']}x (goal <= 3x)")
    print(f"torch threads per process: {r['threads']}")
    head = f"{'page':<15}{'compute':>9}{'rerun':>8}{'ratio':>7}{'large':>9}{'payload':>10}{'large':>10}"
    print(
        head + "   (ms, ms, rerun/compute, ms, KB, KB; goals: rerun<=100, ratio<=1.5, large<=2000, <=2048 KB)"
    )
    for page, row in r["pages_default"].items():
        comp = r["compute_ms"].get(page)
        ratio = f"{row['rerun_ms'] / comp:.1f}" if comp else "-"
        big = r["pages_large"][page]
        large = f"{big['rerun_ms']}{'*' if big['refused'] else ''}"
        print(
            f"{page:<15}{comp if comp is not None else '-':>9}{row['rerun_ms']:>8}{ratio:>7}{large:>9}"
            f"{row['payload_bytes'] / 1024:>10.1f}{big['payload_bytes'] / 1024:>10.1f}"
        )
    print("  * the guard refused the large setting: the time is the refusal's rerun")
    for name in ("guard", "guard_gradients"):
        g = r[name]
        w = g["slowest_accepted"]
        print(
            f"{name}: slowest of {g['accepted_cases']} edge settings {w.get('ms')} ms"
            f" (estimated {w.get('estimate_ms')} ms; {w.get('setting')});"
            f" a refusal takes {g['refusal_ms']} ms"
        )
    for name, tol in r["tolerance"].items():
        print(
            f"tolerance {name}: worst |manual - module| / scale {tol['relative']:.2g} over"
            f" {tol['settings']} settings (base {tol['base']:.0e}; {tol['setting']})"
        )
    for way, st in r["training"].get("stateful", {}).items():
        print(
            f"stateful {way}: {st['steps']} steps in {st['seconds']} s, step {st['first_step_ms']} ->"
            f" {st['last_step_ms']} ms, backward spans {st['last_span']} batches {st['error']}"
        )
    for task, tr in r["training"].items():
        if task == "stateful":
            continue
        print(
            f"training {task}: {tr['steps']} steps in {tr['seconds']} s ({tr['steps_per_s']}/s), "
            f"loss {tr['first_loss']} -> {tr['last_loss']}"
        )
    if "error" in r:
        print(f"browser: {r['error']}")
    else:
        print(
            f"cold_start_s {r['cold_start_s']} (goal <= 6) · "
            f"browser_roundtrip_ms {r['browser_roundtrip_ms']} (goal <= 400)"
        )
    weight = r.get("weight", {})
    if "error" in weight:
        print(f"weight: {weight['error']}")
    else:
        print(f"{'page':<15}{'desktop s':>10}{'KB':>8}{'4G phone s':>12}{'KB':>8}  (HTTP+websocket, cold)")
        for page, w in weight.items():
            d, m = w["desktop"], w["phone_4g"]
            print(
                f"{page:<15}{d['drawn_s']:>10}{d['http_kb'] + d['websocket_kb']:>8.0f}"
                f"{m['drawn_s']:>12}{m['http_kb'] + m['websocket_kb']:>8.0f}"
            )
    from bench import hostile, scale

    for name, key in (("first-load", "first_load"), ("class", "class"), ("sweep", "sweep")):
        if key in r:
            print("\n".join(scale.report(name, r[key])))
    if "distributed" in r:
        print("\n".join(scale.report("distributed", r["distributed"])))
    if "error" in r.get("hostile", {}):
        print(f"hostile: {r['hostile']['error']}")
    elif "hostile" in r:
        print("\n".join(hostile.report(r["hostile"])))
    load = r["load"]
    if "error" in load:
        print(f"load: {load['error']}")
        return
    b, s = load["burst"], load["soak"]
    print(
        f"load ({load['replicas']} processes behind nginx): {b['sessions']} sessions,"
        f" {b['interactions']} changes: p50 {b['p50_ms']} ms, p95 {b['p95_ms']} ms,"
        f" max {b['max_ms']} ms, errors {b['errors']}"
        " (goal p95 <= 1500, 0 errors)"
    )
    print(
        f"soak {load['soak_s']:.0f} s: {s['interactions']} changes,"
        f" p50 {s['p50_ms']} ms, p95 {s['p95_ms']} ms, errors {s['errors']}"
    )
    m = load["rss_mb"]
    print(
        f"server memory (RSS, all processes): before {m['before']} MB, after load {m['after_load']} MB,"
        f" after soak {m['after_soak']} MB:"
        f" growth over the soak {load['memory_growth_over_soak_pct']}% (goal < 10%)"
    )
    t = load.get("tree_pss_mb", {})
    print(
        f"with their children (PNG renderer), PSS: before {t.get('before')} MB,"
        f" after load {t.get('after_load')} MB, after soak {t.get('after_soak')} MB"
    )


if __name__ == "__main__":
    main()
