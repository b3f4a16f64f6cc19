"""How many students a server holds (issue 16's load figures), each a command with a --quick mode.

    python -m bench.scale class        # 200 students, hidden states + shapes, through make serve's stack
    python -m bench.scale sweep        # students per core per page at change p95 <= 1.5 s
    python -m bench.scale sweep --pages equations,gradients --sizes 150,200,250 --seconds 60
    python -m bench.scale distributed  # the load generator as Locust master + workers on loopback
    python -m bench.scale first-load   # a first page load, part by part (HTTP, websocket, first run)

``--quick`` runs each small and short, only to prove it works; ``--json FILE`` writes the figures.
Every server is started here on free loopback ports and stopped at the end: ``class`` and
``distributed`` start ``deploy.serve``'s stack (one Streamlit process per core behind nginx, as
``make serve``), ``sweep`` one Streamlit process pinned to one core with Locust on the others.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import load, memory, student  # noqa: E402
from deploy import launch, serve  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
GOAL_CHANGE_P95_MS = 1500
GOAL_LOAD_P95_MS = 5000
CLASS_PAGES = "hidden,shapes"  # what the class opens: students alternate between them
THINK_S = (5.0, 15.0)  # the think time
# Every page whose students change a setting (on home, quiz and training the module settings are
# hidden: a change reruns the page); the debugger's load is a paste (bench/hostile.py).
SWEEP_PAGES = ("hidden", "shapes", "equations", "gradients", "packed", "patterns", "home", "quiz", "training")


@contextlib.contextmanager
def stack(replicas: int | None = None, warm: bool = True) -> Iterator[serve.Served]:
    """deploy.serve's stack (what `make serve` runs) on free loopback ports, stopped at the end."""
    replicas = replicas or serve.default_replicas()
    ports = [serve.free_port() for _ in range(replicas)]  # never the ports of a running `make serve`
    # under artifacts/ as bench.run's stack: nginx's workers write their static cache there
    run_dir = ROOT / "artifacts" / "serve-bench"
    with serve.start(
        replicas, port=0, host="127.0.0.1", backend_ports=ports, run_dir=run_dir, echo=False, warm=warm
    ) as served:
        yield served


@contextlib.contextmanager
def backend(cpus: set[int] | None = None) -> Iterator[tuple[str, int]]:
    """One `streamlit run app.py` as deploy.serve starts each of its processes, on ``cpus`` (every
    thread and child, the debugger's workers too), warmed up; yields (url, pid)."""
    port = serve.free_port()
    with tempfile.TemporaryDirectory(prefix="bench-backend-") as tmp:
        env = os.environ | serve.app_environment(Path(tmp))
        log = open(Path(tmp) / "streamlit.log", "wb")  # noqa: SIM115 - closed below
        proc = subprocess.Popen(
            launch.argv(port),
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            preexec_fn=(lambda: os.sched_setaffinity(0, cpus)) if cpus else None,
        )
        try:
            if not serve.wait_healthy(port, proc):
                log.flush()
                tail = (Path(tmp) / "streamlit.log").read_text()[-2000:]
                raise RuntimeError(f"streamlit did not answer /_stcore/health:\n{tail}")
            serve.warm_up(port, serve.WARM_PAGES[:4])
            yield f"http://127.0.0.1:{port}", proc.pid
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            log.close()


def _verdict(run: dict) -> dict:
    return {
        "change_p95_ok": run["p95_ms"] is not None and run["p95_ms"] <= GOAL_CHANGE_P95_MS,
        "load_p95_ok": run["load_p95_ms"] is not None and run["load_p95_ms"] <= GOAL_LOAD_P95_MS,
        "no_errors": run["errors"] == 0,
    }


def class_figures(quick: bool = False, students: int = 200, seconds: float = 300.0) -> dict:
    """Issue 16: ``students`` (think 5-15 s, hidden states and shapes) against make serve's stack
    for ``seconds``: change p95 <= 1.5 s, page load p95 <= 5 s, 0 errors, memory flat."""
    think = (1.0, 3.0) if quick else THINK_S
    if quick:
        students, seconds = 4, 20.0
    with stack() as served:
        before = memory.server_memory(served)
        # students arrive over one think time (a class opening the link), then work for `seconds`
        run = load.soak(
            served.url,
            seconds,
            students,
            think,
            CLASS_PAGES,
            seed=16,
            processes=0 if quick else max(1, (os.cpu_count() or 2) // 2),
        )
        time.sleep(2)
        after = memory.server_memory(served)
    rss = (before["rss_mb_total"], after["rss_mb_total"])
    return {
        "replicas": len(before["backends"]),
        "students": students,
        "seconds": seconds,
        "think_s": think,
        "run": run,
        "goals": _verdict(run),
        "rss_mb": {"before": rss[0], "after": rss[1]},
        "rss_growth_pct": round((rss[1] - rss[0]) / rss[0] * 100, 1) if all(rss) else None,
        "memory": {"before": before, "after": after},
    }


def sweep_figures(
    quick: bool = False,
    sizes: Sequence[int] = (100, 200, 300, 400),
    pages: Sequence[str] = SWEEP_PAGES,
    seconds: float = 45.0,
) -> dict:
    """Students per core per page: one Streamlit process on core 0, Locust on the other cores, each
    class size for ``seconds`` (think 5-15 s); the largest size whose change p95 <= 1.5 s.

    A size past the goal ends that page's sweep (larger ones would only be worse)."""
    if quick:
        sizes, seconds, pages = (2, 4), 10.0, pages[:2]
    cores = sorted(os.sched_getaffinity(0))
    server_cpu, client_cpus = {cores[0]}, set(cores[1:]) or {cores[0]}
    out: dict[str, Any] = {"server_core": cores[0], "client_cores": sorted(client_cpus), "pages": {}}
    for page in pages:
        rows = []
        with backend(server_cpu) as (url, _pid):
            for n in sizes:
                run = load.soak(
                    url, seconds, n, THINK_S if not quick else (1.0, 3.0), page, seed=n, cpus=client_cpus
                )
                rows.append(
                    {
                        "students": n,
                        "changes": run["interactions"],
                        "p50_ms": run["p50_ms"],
                        "p95_ms": run["p95_ms"],
                        "load_p95_ms": run["load_p95_ms"],
                        "errors": run["errors"],
                        "error_samples": run["error_samples"][:2],
                    }
                )
                if run["errors"] or (run["p95_ms"] or 0) > GOAL_CHANGE_P95_MS:
                    break
        fits = [r["students"] for r in rows if not r["errors"] and (r["p95_ms"] or 0) <= GOAL_CHANGE_P95_MS]
        out["pages"][page] = {"rows": rows, "students_per_core": max(fits, default=0)}
    return out


def distributed_figures(
    quick: bool = False, students: int = 200, seconds: float = 120.0, workers: int = 2
) -> dict:
    """The same class from Locust's distributed mode: a master and ``workers`` worker processes, each
    its own command, on loopback (as on several load machines), against make serve's stack."""
    if quick:  # long enough for a busy machine: the master stops at its run time, reports or not
        students, seconds, workers = 4, 30.0, 2
    think = THINK_S if not quick else (1.0, 3.0)
    with stack() as served, tempfile.TemporaryDirectory(prefix="bench-dist-") as tmp:
        master_port = serve.free_port()
        record = Path(tmp) / "record.json"
        locustfile = str(load.LOCUSTFILE)
        master = [sys.executable, "-m", "locust", "-f", locustfile, "--master", "--headless"]
        master += ["--master-bind-host", "127.0.0.1", "--master-bind-port", str(master_port)]
        master += ["--expect-workers", str(workers), "-u", str(students), "-r", str(students / think[1])]
        master += ["--run-time", f"{round(seconds)}s", "--host", served.url, "--only-summary"]
        master += ["--loglevel", "INFO", "--exit-code-on-error", "0", "--page", CLASS_PAGES]
        master += ["--think-min", str(think[0]), "--think-max", str(think[1]), "--record-file", str(record)]
        worker = [sys.executable, "-m", "locust", "-f", locustfile, "--worker", "--master-host", "127.0.0.1"]
        worker += ["--master-port", str(master_port), "--loglevel", "WARNING"]
        started = time.monotonic()
        master_log = Path(tmp) / "master.log"  # a file, not a pipe: nothing blocks while we poll
        with open(master_log, "wb") as log:
            procs = [subprocess.Popen(master, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log)]
        procs += [
            subprocess.Popen(worker, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for _ in range(workers)
        ]
        peak: list[int] = []  # each process's most open sessions seen during the run
        try:
            for _ in range(int((seconds + 240) / 2)):  # polls 2 s apart, bounded by count
                try:
                    procs[0].wait(timeout=2)
                    break
                except subprocess.TimeoutExpired:
                    now = [b.get("active_sessions", 0) for b in memory.server_memory(served)["backends"]]
                    peak = [max(a, b) for a, b in zip(peak, now, strict=True)] if peak else now
            procs[0].wait(timeout=30)
            for proc in procs[1:]:
                proc.wait(timeout=60)  # the master tells its workers to quit
        finally:
            for proc in procs:
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()
        if procs[0].returncode != 0 or not record.exists():
            raise RuntimeError(
                f"locust master exited {procs[0].returncode}:\n{master_log.read_text()[-2000:]}"
            )
        recorded = json.loads(record.read_text())
        wall_s = round(time.monotonic() - started, 1)
        master_tail = master_log.read_text()[-1500:]
    change, first = recorded["stats"]["change"], recorded["stats"]["load"]
    if not first["requests"]:  # the workers ran no student: say so, never a figure of nothing
        return {"error": f"the workers ran no students (Locust master's log: {master_tail!r})"}
    return {
        "workers": workers,
        "students": students,
        "seconds": seconds,
        "wall_s": wall_s,
        "changes": change["requests"],
        "p50_ms": change["p50_ms"],
        "p95_ms": change["p95_ms"],
        "load_p95_ms": first["p95_ms"],
        "errors": change["failures"] + first["failures"] + len(recorded["exceptions"]),
        "error_samples": recorded["error_samples"] + recorded["exceptions"],
        # each process's most open sessions during the run: nginx spread the students over them
        "sessions_per_process": peak,
    }


def first_load_figures(
    quick: bool = False,
    repeats: int = 9,
    pages: Sequence[str] = ("hidden", "shapes"),
    served: serve.Served | None = None,
) -> dict:
    """A student's first page load, part by part, through make serve's stack (nginx, gzip) and
    from one Streamlit process directly: the page's HTML, the bundles it names (an empty cache),
    health and host-config, the websocket's handshake, the first script run. Medians in ms, one
    student at a time on an idle server (``served``, else a stack started here). The bundles the
    main bundle loads later (Plotly's among them) and the browser's own parse and layout are not
    in it (bench/browser.py's weight is)."""
    if quick:
        repeats, pages = 2, ("hidden",)

    def measure(url: str) -> dict:
        out = {}
        for page in pages:
            rows = []
            for _ in range(repeats):
                tab = student.Student(url, page, static=True)
                try:
                    total = tab.open() * 1000
                finally:
                    tab.close()
                rows.append(tab.timings | {"total": total})
            out[page] = {k: round(statistics.median(r[k] for r in rows), 1) for k in rows[0]}
        return out

    with contextlib.nullcontext(served) if served else stack() as running:
        through_nginx = measure(running.url)
        direct = measure(running.backend_urls()[0])
    return {"repeats": repeats, "nginx": through_nginx, "direct": direct}


def report(name: str, r: dict) -> list[str]:
    if "error" in r:
        return [f"{name}: {r['error']}"]
    if name == "class":
        run = r["run"]
        lines = [
            f"class ({r['replicas']} processes behind nginx): {r['students']} students,"
            f" think {r['think_s'][0]:g}-{r['think_s'][1]:g} s,"
            f" {CLASS_PAGES}, {r['seconds']:.0f} s: {run['interactions']} changes,"
            f" change p50 {run['p50_ms']} ms, p95 {run['p95_ms']} ms (goal <= 1500);"
            f" page load p95 {run['load_p95_ms']} ms (goal <= 5000); errors {run['errors']}"
        ]
        for page, row in run.get("pages", {}).items():
            lines.append(f"  {page}: p50 {row['p50_ms']} ms, p95 {row['p95_ms']} ms over {row['requests']}")
        lines.append(
            f"  server RSS {r['rss_mb']['before']} -> {r['rss_mb']['after']} MB ({r['rss_growth_pct']}%)"
        )
        return lines
    if name == "sweep":
        lines = [f"students per core (server on core {r['server_core']}, Locust on {r['client_cores']}):"]
        for page, row in r["pages"].items():
            steps = ", ".join(f"{x['students']}: p95 {x['p95_ms']} ms/{x['errors']} err" for x in row["rows"])
            lines.append(f"  {page:<8} {row['students_per_core']:>4} at p95 <= 1.5 s  ({steps})")
        return lines
    if name == "distributed":
        return [
            f"distributed: master + {r['workers']} workers, {r['students']} students {r['seconds']:.0f} s:"
            f" {r['changes']} changes, p50 {r['p50_ms']} ms, p95 {r['p95_ms']} ms, load p95"
            f" {r['load_p95_ms']} ms, errors {r['errors']}; sessions per process {r['sessions_per_process']}"
        ]
    lines = ["first page load (ms, median; static = the bundles index.html names, one after another):"]
    for way in ("nginx", "direct"):
        for page, t in r[way].items():
            lines.append(
                f"  {way:<7}{page:<8} html {t['html']}, static {t.get('static')} ({t.get('static_kb')} KB"
                f" on the wire), stcore {t['stcore']}, websocket {t['websocket']}, first run"
                f" {t['first_run']}, total {t['total']}"
            )
    return lines


FIGURES = {
    "class": class_figures,
    "sweep": sweep_figures,
    "distributed": distributed_figures,
    "first-load": first_load_figures,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.scale", description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=sorted(FIGURES))
    parser.add_argument("--quick", action="store_true", help="small and short: proves it works")
    parser.add_argument("--json", type=Path, default=None)
    sweep = parser.add_argument_group("sweep")
    sweep.add_argument("--pages", help=f"pages by name (default: {','.join(SWEEP_PAGES)})", default=None)
    sweep.add_argument("--sizes", help="class sizes, smallest first (default: 100,200,300,400)", default=None)
    sweep.add_argument("--seconds", type=float, help="each size's run time (default: 45)", default=None)
    args = parser.parse_args(list(argv) if argv is not None else None)
    if args.what != "sweep" and serve.find_nginx() is None:
        print("nginx is not installed (scripts/serve-deps.sh installs it)")
        return 2
    options: dict[str, Any] = {}
    if args.what == "sweep":
        if args.pages:
            options["pages"] = args.pages.split(",")
            unknown = [p for p in options["pages"] if p not in student.PAGES]
            if unknown:
                parser.error(f"no page named {', '.join(unknown)}: the pages are {', '.join(student.PAGES)}")
        if args.sizes:
            options["sizes"] = [int(n) for n in args.sizes.split(",")]
        if args.seconds:
            options["seconds"] = args.seconds
    elif args.pages or args.sizes or args.seconds:
        parser.error("--pages, --sizes and --seconds are the sweep's")
    result = FIGURES[args.what](quick=args.quick, **options)
    print("\n".join(report(args.what, result)))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
