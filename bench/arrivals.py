"""What one student's arrival costs the server: the first page load of a new session, in CPU.

    .venv/bin/python -m bench.arrivals                    # shapes and hidden_states, a shared link
    .venv/bin/python -m bench.arrivals shapes --sessions 30 --query "lang=zh&mode=GRU"

A Streamlit server is started as ``make run`` starts it (one torch thread, no post-run gc),
warmed by one session (the teacher, who opened the link first), then ``--sessions`` students
arrive one after another (bench/student.py's ``Student``: the page's GET, health, host-config, the
websocket and the first run) and stay connected; each then changes the seed once. The server
process's CPU (user + system, psutil) is read around each arrival and each change, so a noisy
machine moves the wall clock, not these figures. A class arriving at once queues behind the sum
of these arrivals: their CPU is what a shorter queue needs cut.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import psutil  # noqa: E402

from bench.student import Student  # noqa: E402
from deploy import launch  # noqa: E402
from deploy.serve import free_port, wait_healthy  # noqa: E402

QUERY = "lang=zh&mode=GRU&bidirectional=true"  # a teacher's link: not the defaults


def serve(env: dict[str, str] | None = None) -> tuple[subprocess.Popen, str]:
    """``streamlit run app.py`` on a free port, as make run starts it; returns it and its URL."""
    port = free_port()
    env = dict(os.environ, EXPLAINER_TORCH_THREADS="1", OMP_NUM_THREADS="1", EXPLAINER_PNG_WARM="0") | (
        env or {}
    )
    env.setdefault("ONEDNN_PRIMITIVE_CACHE_CAPACITY", "32")
    proc = subprocess.Popen(
        launch.argv(port), cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    if wait_healthy(port, proc, polls=240, every_s=0.5):
        return proc, url
    proc.kill()
    raise RuntimeError("the server did not answer /_stcore/health")


def _cpu_ms(proc: psutil.Process) -> float:
    t = proc.cpu_times()
    return (t.user + t.system) * 1000


def arrivals(page: str, query: str, sessions: int, env: dict[str, str] | None = None) -> dict:
    """Mean server CPU ms of a student's first page load and of one change afterwards (the
    kernel counts CPU in 10 ms ticks: a mean over many is exact where a median is not)."""
    server, url = serve(env)
    try:
        proc = psutil.Process(server.pid)
        teacher = Student(url, page, query)
        teacher.open()  # imports, the link's results cached: what the students find
        teacher.close()
        students, first, change = [], [], []
        for _ in range(sessions):
            student = Student(url, page, query)
            before = _cpu_ms(proc)
            student.open()
            time.sleep(0.2)  # the server's own work after script_finished (forward messages, cleanup)
            first.append(_cpu_ms(proc) - before)
            students.append(student)
        for n, student in enumerate(students, start=1):
            before = _cpu_ms(proc)
            student.change("seed", n)
            time.sleep(0.2)
            change.append(_cpu_ms(proc) - before)
        for student in students:
            student.close()
        return {
            "page": page,
            "query": query,
            "sessions": sessions,
            "first_load_cpu_ms": round(statistics.mean(first), 1),
            "change_cpu_ms": round(statistics.mean(change), 1),
        }
    finally:
        server.terminate()
        server.wait(timeout=30)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", default=["shapes", "hidden_states"])
    parser.add_argument("--query", default=QUERY)
    parser.add_argument("--sessions", type=int, default=20)
    args = parser.parse_args(argv)
    for page in args.pages:
        r = arrivals(page, args.query, args.sessions)
        print(
            f"{page:<15} ?{r['query']}: a student's first load {r['first_load_cpu_ms']} ms of server CPU,"
            f" a change after it {r['change_cpu_ms']} ms (mean of {r['sessions']})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
