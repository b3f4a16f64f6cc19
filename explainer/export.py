"""Exports: the runnable snippet, traced numbers (CSV, .npz) and figures (interactive HTML, PNG).

PNG goes through kaleido, which drives the machine's Chromium. Its first render starts a browser
and loads plotly.js into it (3-5 s here); the server then stays up for the whole process (0.3-0.4
s a figure). ``warm_png`` pays that first render in a background thread at low priority, once per
process, when the first page with figures offers its exports (deploy/serve.py's warm-up visits
such a page in every process), so no student's first PNG waits for Chromium. Measured: the page
that starts it renders no slower; the browser costs ~5 s of CPU once and ~430 MB (PSS) while the
process lives, as it would after a first PNG click. EXPLAINER_PNG_WARM=0 leaves it to that click.
"""

from __future__ import annotations

import functools
import io
import logging
import os
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from explainer import quiet
from explainer.figures import quantity_values
from explainer.manual import Trace

log = logging.getLogger(__name__)
# plotly passes kaleido its options on every render, and kaleido notes each time that a running
# server ignores them: noise, silenced for the process before each render (the same filter is
# added once; a test's own warnings block takes it away again), not in a catch_warnings block around
# the render, which would hold explainer/quiet.py's lock, and every session's module builds, for the
# 0.3-5 s of a render
KOPTS_NOTE = "The kopts argument is ignored if using a server"
_png_lock = threading.Lock()  # one browser, one render at a time
_png_started = False
_png_failed: str | None = None  # why the renderer could not start; PNG is then not offered
_png_warm = False  # it has drawn a figure
_warm_lock = threading.Lock()
_warm_thread: threading.Thread | None = None
WARM_ENV = "EXPLAINER_PNG_WARM"  # "0": start the renderer on the first PNG click instead
WARM_NICE = 10  # the renderer yields the CPU to page reruns (Linux: the thread's niceness is inherited)


@dataclass(frozen=True)
class Download:
    """One export a page offers: its label (already in the page's language), bytes or text
    (or a function that makes them when clicked), a file name and a MIME type."""

    label: str
    data: str | bytes | Callable[[], str | bytes]
    file_name: str
    mime: str


@functools.cache
def _chromium() -> str | None:
    names = ("chromium", "chromium-browser", "google-chrome", "chrome")
    return next((path for name in names if (path := shutil.which(name))), None)


def png_available() -> bool:
    """kaleido is installed, a Chromium it can drive is on this machine, and it has not failed to start."""
    try:
        import kaleido  # noqa: F401
    except ImportError:
        return False
    return _png_failed is None and _chromium() is not None


def png_failure() -> str | None:
    """Why the PNG renderer could not start in this process (None: it did, or nobody tried)."""
    return _png_failed


def figure_png(fig: go.Figure, scale: float = 2.0) -> bytes:
    """The figure as PNG, through one kaleido browser kept warm for the whole process."""
    global _png_started, _png_failed, _png_warm
    import kaleido

    with _png_lock:
        if not _png_started:
            kaleido.start_sync_server(silence_warnings=True)
            _png_started = True
        quiet.ignore_always(KOPTS_NOTE, UserWarning)
        try:
            png = fig.to_image(format="png", scale=scale)
        except Exception as err:
            if not _png_warm:  # the browser never drew anything: no renderer, from now on
                _png_failed = f"{type(err).__name__}: {str(err)[:200]}"
            raise
        _png_warm = True
        return png


# The smallest figure that makes the browser load plotly.js and draw: what the first real
# PNG would otherwise wait for.
_TINY = dict(data=[dict(type="scatter", y=[0, 1])], layout=dict(width=40, height=40))


def _warm(nice: int) -> None:
    if nice:
        try:  # on Linux this thread's niceness passes to the threads and Chromium it starts
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), nice)
        except (OSError, AttributeError):
            pass
    started = time.perf_counter()
    try:
        figure_png(go.Figure(**_TINY, _validate=False), scale=1)
    except Exception:  # noqa: BLE001 - a failed renderer is reported by png_available(), not raised
        log.warning("PNG renderer did not start: %s", _png_failed, exc_info=True)
    else:
        log.info("PNG renderer warm in %.1f s", time.perf_counter() - started)


def warm_png(force: bool = False, nice: int = WARM_NICE) -> threading.Thread | None:
    """Start the PNG renderer in a background thread, once per process; returns that thread.

    Does nothing (returns None) where no renderer is available, or when the environment sets
    EXPLAINER_PNG_WARM=0 (the test suite does: AppTest would start a browser per test process),
    unless ``force``.
    """
    global _warm_thread
    if not force and os.environ.get(WARM_ENV, "1") == "0":
        return _warm_thread
    with _warm_lock:
        if _warm_thread is None and not _png_started and png_available():
            _warm_thread = threading.Thread(target=_warm, args=(nice,), name="png-warm", daemon=True)
            _warm_thread.start()
    return _warm_thread


def png_warm() -> bool:
    """The renderer has drawn a figure in this process: the next PNG takes well under a second."""
    return _png_warm


def png_state() -> str:
    """'warm' (a PNG takes well under a second), 'starting' (warm_png is starting it) or 'cold'
    (the first PNG will start it: a few seconds)."""
    if _png_warm:
        return "warm"
    return "starting" if _warm_thread is not None and _warm_thread.is_alive() else "cold"


def figure_html(fig: go.Figure) -> str:
    """A self-contained interactive page (plotly.js inlined: it works offline)."""
    return fig.to_html(include_plotlyjs=True, full_html=True)


def trace_arrays(trace: Trace, x) -> dict[str, np.ndarray]:
    """Every traced number by name: h (layers, D, L, N, H_out), c, each gate, output, h_n, c_n, input."""
    arrays = {"input": x, "h": trace.h, "output": trace.output, "h_n": trace.h_n}
    if trace.c is not None:
        arrays |= {"c": trace.c, "c_n": trace.c_n}
    arrays |= {f"gate_{g}": v for g, v in trace.gates.items()}
    return {k: v.detach().cpu().numpy() for k, v in arrays.items()}


def trace_npz(trace: Trace, x) -> bytes:
    buf = io.BytesIO()
    np.savez_compressed(buf, **trace_arrays(trace, x))
    return buf.getvalue()


def trace_csv(trace: Trace, quantity: str) -> str:
    """One quantity in long form: layer, direction, t, item, unit, value (one row per number)."""
    arr = quantity_values(trace, quantity).detach().cpu().double().numpy()  # (layers, D, L, N, width)
    idx = np.indices(arr.shape).reshape(arr.ndim, -1).T
    lines = ["layer,direction,t,item,unit,value"]
    lines += [
        f"{a},{b},{c},{d},{e},{v:.9g}"
        for (a, b, c, d, e), v in zip(idx.tolist(), arr.ravel().tolist(), strict=True)
    ]
    return "\n".join(lines) + "\n"
