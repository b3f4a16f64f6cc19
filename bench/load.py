"""A class of students without browsers: Streamlit's own protocol, with Locust around it.

Locust drives the students (``bench/locustfile.py``: ramp-up, think times, percentiles, CSV,
and its distributed mode for classes larger than one load machine)::

    .venv/bin/locust -f bench/locustfile.py --headless -u 200 -r 20 --run-time 2m \\
        --host http://127.0.0.1:8501 --processes 2 --csv artifacts/load

``run_load``, ``soak`` (what ``make bench`` and the tests call) run that command in a subprocess
and read Locust's stats back, so Locust's gevent patching never reaches the caller's process.
``python -m bench.load --url URL`` runs a class with the server's memory (``bench/memory.py``)
before and after. Each student is ``bench/student.py``'s ``Student``: Streamlit's websocket
protocol, which nothing maintained speaks.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bench.memory import server_memory
from bench.student import DEFAULT_QUERY, PAGES

ROOT = Path(__file__).resolve().parents[1]
LOCUSTFILE = Path(__file__).resolve().with_name("locustfile.py")
# The settings students change (the sidebar's widgets of those keys) and the ranges they pick from.
DEFAULT_SETTINGS: dict[str, tuple[int, int]] = {
    "hidden_size": (2, 64),
    "seq_len": (1, 30),
    "num_layers": (1, 3),
}


def format_settings(settings: dict[str, tuple[int, int]]) -> str:
    """``{"hidden_size": (2, 64)}`` -> ``"hidden_size=2:64"``, as ``--settings`` takes it."""
    return ",".join(f"{key}={lo}:{hi}" for key, (lo, hi) in settings.items())


def parse_settings(text: str) -> dict[str, tuple[int, int]]:
    """The inverse of ``format_settings``."""
    settings = {}
    for item in text.split(","):
        key, _, span = item.partition("=")
        lo, _, hi = span.partition(":")
        settings[key.strip()] = (int(lo), int(hi))
    return settings


def _pinned(cpus: set[int] | None):
    """A preexec_fn that keeps a child (and every thread and process it starts) on ``cpus``."""
    if not cpus:
        return None
    return lambda: os.sched_setaffinity(0, cpus)


def _locust(
    url: str,
    sessions: int,
    ramp_s: float,
    run_time_s: float,
    record: int,
    *,
    hostile: bool = False,
    processes: int = 0,
    cpus: set[int] | None = None,
    **options: Any,
) -> dict:
    """Run bench/locustfile.py headless in one process; the figures from its record file.

    The record file holds Locust's final stats (its CSV is written once a second and may miss the
    last one), the first error samples and the recorded changes. ``options``: the locustfile's own
    options (``page="shapes"`` -> ``--page shapes``). ``hostile``: one more user, the paster of
    bench/locustfile_hostile.py (``sessions`` stays the students' count); ``processes``: Locust's
    ``--processes`` (workers forked on this machine); ``cpus``: the cores Locust runs on.
    """
    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        record_file = Path(tmp) / "record.json"
        locustfile = LOCUSTFILE.with_name("locustfile_hostile.py") if hostile else LOCUSTFILE
        users = sessions + (1 if hostile else 0)
        command = [sys.executable, "-m", "locust", "-f", str(locustfile), "--headless", "--host", url]
        command += ["-u", str(users), "-r", str(users / max(ramp_s, 1e-3))]
        if processes:
            command += ["--processes", str(processes)]
        command += ["--run-time", f"{max(1, round(run_time_s))}s", "--only-summary"]
        command += ["--loglevel", "WARNING", "--exit-code-on-error", "0"]
        options |= {"record": record, "record_file": record_file}
        for name, value in options.items():
            command += [f"--{name.replace('_', '-')}", str(value)]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.monotonic()
        # Locust stops a fixed-interactions run when the last student is done; run_time_s bounds it.
        done = subprocess.run(
            command,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=run_time_s + 180,
            preexec_fn=_pinned(cpus),
        )
        wall_s = time.monotonic() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode != 0 or not record_file.exists():
            raise RuntimeError(f"locust exited {done.returncode}:\n{done.stderr[-2000:]}")
        recorded = json.loads(record_file.read_text())
    change, load = recorded["stats"]["change"], recorded["stats"]["load"]
    crashes = [f"locust: {crash}" for crash in recorded["exceptions"]]  # the locustfile's own bugs
    result = {
        "sessions": sessions,
        "interactions": change["requests"],  # attempted: Locust counts a failed change too
        # Locust's percentiles, from its histogram: exact below 100 ms, then rounded to 2 significant
        # digits (p95 350 with a max of 349.8 is one change); the max is exact.
        "p50_ms": change["p50_ms"],
        "p95_ms": change["p95_ms"],
        "max_ms": change["max_ms"],
        "errors": change["failures"] + load["failures"] + len(crashes),
        "error_samples": crashes + recorded["error_samples"],
        "measured": change["requests"] - change["failures"],
        "loads": load["requests"] - load["failures"],
        "load_p50_ms": load["p50_ms"],
        "load_p95_ms": load["p95_ms"],
        "load_max_ms": load["max_ms"],
        "wall_s": round(wall_s, 1),
        "client_cpu_s": round(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, 1),
        "page": options["page"],
        "query": options["query"],
    }
    pages = {name.partition("@")[2]: row for name, row in recorded["stats"].items() if "@" in name}
    if pages:  # several pages: each page's figures too
        result["pages"] = pages
    if hostile:
        paste, paste_load = recorded["stats"]["paste"], recorded["stats"]["paste_load"]
        result["paster"] = {
            "pastes": paste["requests"],
            "errors": paste["failures"] + paste_load["failures"],
            "p50_ms": paste["p50_ms"],
            "max_ms": paste["max_ms"],
            "answers": recorded["pastes"],
        }
    if record:
        result["renders"] = recorded["renders"]
    return result


def _options(
    page: str,
    query: str,
    seed: int,
    settings: dict[str, tuple[int, int]] | None,
    think_s: tuple[float, float],
    timeout_s: float,
) -> dict:
    """The locustfile's options (bench/locustfile.py adds them to Locust's command line)."""
    return {
        "page": page,
        "query": query,
        "seed": seed,
        "settings": format_settings(settings or DEFAULT_SETTINGS),
        "think_min": think_s[0],
        "think_max": think_s[1],
        "student_timeout": timeout_s,
    }


def run_load(
    url: str,
    sessions: int = 40,
    interactions: int = 10,
    think_s: tuple[float, float] = (1, 3),
    page: str = "shapes",
    seed: int = 0,
    *,
    query: str = DEFAULT_QUERY,
    settings: dict[str, tuple[int, int]] | None = None,
    start_within_s: float = 1.0,
    timeout_s: float = 60.0,
    record: int = 0,
    **extra: Any,
) -> dict:
    """A class opening one link within ``start_within_s`` (Locust's spawn rate) and changing settings.

    Returns ``sessions``, ``interactions`` (attempted), ``p50_ms``/``p95_ms``/``max_ms`` (send ->
    script_finished, from Locust's stats: failed changes included, a timeout among them),
    ``measured`` (the changes that succeeded), ``errors`` and the first 5 ``error_samples``;
    also the page loads' ``loads``/``load_p50_ms``/``load_p95_ms``/``load_max_ms``, ``wall_s``,
    the client's CPU seconds, and with ``record=N`` ``renders``: the first N changes (student,
    key, value and the first st.code texts the run showed). ``extra``: ``_locust``'s
    ``hostile``/``processes``/``cpus`` and the locustfile's own options (``pastes=1``).
    """
    # A bound, not a verdict: every student reaches its last change long before it.
    bound = start_within_s + interactions * (think_s[1] + timeout_s) + timeout_s
    options = _options(page, query, seed, settings, think_s, timeout_s) | extra
    return _locust(url, sessions, start_within_s, bound, record, interactions=interactions, **options)


def soak(
    url: str,
    seconds: float,
    sessions: int = 40,
    think_s: tuple[float, float] = (2, 6),
    page: str = "shapes",
    seed: int = 1,
    *,
    query: str = DEFAULT_QUERY,
    settings: dict[str, tuple[int, int]] | None = None,
    timeout_s: float = 60.0,
    record: int = 0,
    **extra: Any,
) -> dict:
    """A steady class for ``seconds`` (Locust's run time): every student changes a setting every few seconds.

    Same figures as ``run_load``; students arrive over the first ``think_s[1]`` seconds.
    ``extra``: ``_locust``'s ``hostile``/``processes``/``cpus`` and the locustfile's own options.
    """
    options = _options(page, query, seed, settings, think_s, timeout_s) | extra
    return _locust(url, sessions, think_s[1], seconds, record, interactions=0, **options)


def _memory_line(label: str, mem: dict) -> str:
    parts = []
    for b in mem["backends"]:
        cache = sum(b.get("cache_bytes", {}).values()) / 1024
        parts.append(
            f":{urlsplit(b['url']).port} rss {b['rss_mb']} MB, caches {cache:.0f} KiB, "
            f"{b.get('active_sessions', '?')} sessions"
        )
    return f"memory {label}: total rss {mem['rss_mb_total']} MB | " + " | ".join(parts)


def _summary(label: str, r: dict) -> str:
    return (
        f"{label}: {r['sessions']} students, {r['interactions']} changes in {r['wall_s']} s | "
        f"change p50 {r['p50_ms']} ms, p95 {r['p95_ms']} ms, max {r['max_ms']} ms | "
        f"page load p50 {r['load_p50_ms']} ms, p95 {r['load_p95_ms']} ms | errors {r['errors']} | "
        f"client cpu {r['client_cpu_s']} s"
    )


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8501")
    parser.add_argument("--sessions", type=int, default=40)
    parser.add_argument("--interactions", type=int, default=10)
    parser.add_argument("--think", type=float, nargs=2, default=(1.0, 3.0), metavar=("MIN", "MAX"))
    parser.add_argument("--page", default="shapes", help=f"one of {', '.join(PAGES)}")
    parser.add_argument("--query", default=DEFAULT_QUERY, help="the shared link's query string")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds one run may take")
    parser.add_argument(
        "--soak", type=float, default=0, metavar="SECONDS", help="then a steady class this long"
    )
    parser.add_argument(
        "--backends",
        default=None,
        help="backends.json for memory figures (default: deploy/run's, or the URL)",
    )
    parser.add_argument("--json", type=Path, default=None, help="write every figure here")
    args = parser.parse_args(list(argv) if argv is not None else None)
    target = args.backends or args.url
    report: dict[str, Any] = {"memory_before": server_memory(target)}
    print(_memory_line("before", report["memory_before"]), flush=True)
    load = run_load(
        args.url,
        args.sessions,
        args.interactions,
        tuple(args.think),
        args.page,
        args.seed,
        query=args.query,
        timeout_s=args.timeout,
    )
    report["load"] = load
    print(_summary("load", load), flush=True)
    for sample in load["error_samples"]:
        print(f"  error: {sample}")
    report["memory_after_load"] = server_memory(target)
    print(_memory_line("after load", report["memory_after_load"]), flush=True)
    if args.soak > 0:
        result = soak(args.url, args.soak, args.sessions, page=args.page, query=args.query)
        report["soak"] = result
        print(_summary(f"soak {args.soak:.0f} s", result), flush=True)
        for sample in result["error_samples"]:
            print(f"  error: {sample}")
        report["memory_after_soak"] = server_memory(target)
        print(_memory_line("after soak", report["memory_after_soak"]), flush=True)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    errors = load["errors"] + report.get("soak", {}).get("errors", 0)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
