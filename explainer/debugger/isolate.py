"""The shape debugger outside the web server: worker processes with limits, killed and replaced.

Whatever is pasted, checking it must not stall or crash the other sessions of the server
process (all its sessions share one GIL and one address space). So the page and the command
line send the source to a small pool of worker processes (pebble's ProcessPool: a timed-out
task's worker is killed and replaced) and receive a bounded ``Diagnosis``. Each worker has
- an address-space limit (RLIMIT_AS, ``MEMORY_HEADROOM`` above its warm size): a huge real
  tensor or structure fails to allocate instead of swapping the server;
- a CPU-time limit per diagnosis (RLIMIT_CPU, ``CPU_LIMIT_S``): the kernel ends a worker stuck
  in one long C call (comparing or hashing a deeply shared structure), where no Python-level
  check can run;
- a wall-clock backstop (``WALL_LIMIT_S``), generous, for a worker that stalls without CPU;
- a lower scheduling priority (``WORKER_NICE``): a paste that burns its whole CPU allowance
  takes a core only when the web server's processes leave it idle.
Either way the user gets "too large to check" with the reason, never a traceback. The verdict
itself never depends on time: the interpreter's budget is counted (limits.WORK_LIMIT_S).
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing
import os
import resource
import signal
import threading
from collections.abc import Callable
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

from pebble import ProcessExpired, ProcessPool

from explainer.debugger import Diagnosis, Finding, diagnose_source, warm_up_once
from explainer.i18n import t

# CPU seconds one diagnosis may use: five times what the counted budget (2 s) allows, so a diagnosis
# near the budget on a loaded machine (015 measured 4.6 s of CPU at load 20) still ends by its count
CPU_LIMIT_S = 10
MEMORY_HEADROOM = 1536 * 2**20  # bytes of address space a worker may add to its warm size
WALL_LIMIT_S = 60.0  # a backstop only: on a loaded machine CPU_LIMIT_S of CPU takes longer
WORKER_NICE = 10  # the workers yield the CPU to the web server: a 5 s hostile paste on 2 cores
MAX_TASKS = 200  # diagnoses per worker before it is replaced (bounds slow growth)
MAX_TEXT = 4_000  # characters of one message sent back (a KeyError's key can be megabytes)
MAX_ENTRIES = 500  # shapes, warnings and unresolved names sent back
# What the allocator says when the address-space limit stops an allocation: not torch's verdict
# on the user's code (torch would allocate it on a large enough machine), but our limit.
ALLOCATION_FAILED = ("can't allocate memory", "DefaultCPUAllocator", "out of memory")
log = logging.getLogger(__name__)


def workers() -> int:
    """Worker processes per server process: EXPLAINER_DEBUG_WORKERS, default 2 (one may be busy
    with a hostile paste while the other serves the class)."""
    raw = os.environ.get("EXPLAINER_DEBUG_WORKERS", "2")
    return int(raw) if raw.isdecimal() and 1 <= int(raw) <= 8 else 2


def _address_space() -> int:
    """This process's virtual memory size in bytes (VmSize)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def _init_worker() -> None:
    """In each new worker: a lower priority, one torch thread, the debugger warmed up, then the
    memory limit."""
    import torch

    os.nice(WORKER_NICE)  # the kernel then runs the class's reruns first when both want a core
    torch.set_num_threads(1)
    warm_up_once()
    limit = _address_space() + MEMORY_HEADROOM
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard == resource.RLIM_INFINITY or limit <= hard:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _cpu_limit(seconds: int) -> None:
    """The kernel ends this process after ``seconds`` more CPU seconds (RLIMIT_CPU is cumulative)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    used = int(usage.ru_utime + usage.ru_stime) + 1
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    soft = used + seconds
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def _clip(text: str | None, limit: int = MAX_TEXT) -> str | None:
    if text is None or len(text) <= limit:
        return text
    return f"{text[:limit]} … [{len(text) - limit:,} more characters]"


def bounded(d: Diagnosis) -> Diagnosis:
    """The diagnosis with every text and list cut to a size a page can show."""
    d.error = _clip(d.error)
    d.explanation = _clip(d.explanation) or ""
    d.fix = _clip(d.fix)
    d.fixed_source = _clip(d.fixed_source, 40_000)
    d.refused = _clip(d.refused)
    d.shapes = dict(list(d.shapes.items())[:MAX_ENTRIES])
    d.unresolved = [_clip(name, 100) or "" for name in d.unresolved[:MAX_ENTRIES]]
    if d.unknown is not None:
        too_long = len(d.unknown.name) > 100 or len(d.unknown.statement or "") > MAX_TEXT
        d.unknown.name = _clip(d.unknown.name, 100) or ""
        if too_long:
            d.unknown.statement = d.unknown.statement_line = None  # too long to find again: not asked
    d.warnings = [
        Finding(w.code, w.line, _clip(w.message) or "", _clip(w.fix), _clip(w.fixed_source, 40_000))
        for w in d.warnings[:MAX_ENTRIES]
    ]
    if d.after_fix is not None:
        d.after_fix = bounded(d.after_fix)
    return d


def too_large(lang: str, reason: str, line: int | None = None) -> Diagnosis:
    """The answer when checking the paste would take more than a worker may use."""
    message = t("dbg.too_large", lang, reason=t(f"dbg.too_large.{reason}", lang))
    return Diagnosis(False, line=line, refused=message, explanation=message)


def _allocation_failed(d: Diagnosis) -> bool:
    return d.error_type in ("MemoryError", "OutOfMemoryError") or (
        d.error is not None and any(words in d.error for words in ALLOCATION_FAILED)
    )


def check(source: str, lang: str) -> Diagnosis:
    """In the worker: the diagnosis, cut to size; an allocation our limit stopped is "too large"."""
    try:
        d = diagnose_source(source, lang)
    except MemoryError:
        return too_large(lang, "memory")
    if _allocation_failed(d):
        return too_large(lang, "memory", d.line)
    return bounded(d)


def _limited(fn: Callable[..., Any], args: tuple, cpu_s: int) -> Any:
    """In the worker: ``fn(*args)`` with at most ``cpu_s`` more seconds of CPU for this process."""
    _cpu_limit(cpu_s)
    return fn(*args)


_pool: ProcessPool | None = None
_pool_lock = threading.Lock()


def _get_pool() -> ProcessPool:
    global _pool
    with _pool_lock:
        if _pool is None or not _pool.active:
            # forkserver: workers fork from a clean server process that has imported torch once,
            # never from the web server's threads (fork there is unsafe) and without paying
            # torch's import for every replacement (spawn)
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["explainer.debugger.isolate"])
            _pool = ProcessPool(
                max_workers=workers(), max_tasks=MAX_TASKS, initializer=_init_worker, context=context
            )
            atexit.register(_pool.stop)
        return _pool


def diagnose(source: str, lang: str = "en") -> Diagnosis:
    """``diagnose_source`` in a limited worker process: the page's and the command line's entry.

    Returns the worker's bounded diagnosis, or "too large to check" with the reason when the
    worker ran out of CPU time or memory (it is replaced), never a traceback.
    """
    if not isinstance(source, str):
        return diagnose_source(source, lang)  # refused at once, nothing to isolate
    return run(check, (source, lang), lang)


def run(fn: Callable[..., Diagnosis], args: tuple, lang: str, cpu_s: int = CPU_LIMIT_S) -> Diagnosis:
    """``fn(*args)`` in a worker within the limits; what a worker that ran out of them answers."""
    future = _get_pool().schedule(_limited, args=(fn, args, cpu_s), timeout=WALL_LIMIT_S)
    try:
        return future.result()
    except FutureTimeout:
        return too_large(lang, "stalled")
    except ProcessExpired as exc:  # ended by the kernel: SIGXCPU past RLIMIT_CPU, or SIGKILL
        log.warning("debugger worker ended (exit code %s)", exc.exitcode)
        return too_large(lang, "cpu" if exc.exitcode in (-signal.SIGXCPU, -signal.SIGKILL) else "crashed")
    except MemoryError:
        return too_large(lang, "memory")
    except Exception:  # noqa: BLE001 - a result that cannot be sent back, or a crash in the worker
        log.exception("debugger worker failed")
        return too_large(lang, "crashed")


def shutdown() -> None:
    """Stop the pool's workers (tests; a server process stops it at exit)."""
    global _pool
    with _pool_lock:
        if _pool is not None:
            _pool.stop()
            _pool.join()
            _pool = None
