"""Exports: the runnable snippet, traced numbers (CSV, .npz) and figures (interactive HTML, PNG).

PNG goes through kaleido, which drives the machine's Chromium. Its first render starts a browser
(about 5 s here); the server is then kept warm (about 0.4 s a figure).
"""

from __future__ import annotations

import io
import shutil
import threading
import warnings

import numpy as np
import plotly.graph_objects as go

from explainer.figures import quantity_values
from explainer.manual import Trace

_png_lock = threading.Lock()
_png_started = False


def png_available() -> bool:
    """kaleido is installed and a Chromium it can drive is on this machine."""
    try:
        import kaleido  # noqa: F401
    except ImportError:
        return False
    return any(shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome", "chrome"))


def figure_png(fig: go.Figure, scale: float = 2.0) -> bytes:
    """The figure as PNG, through one kaleido browser kept warm for the whole process."""
    global _png_started
    import kaleido

    with _png_lock:  # one browser, one render at a time
        if not _png_started:
            kaleido.start_sync_server(silence_warnings=True)
            _png_started = True
        with warnings.catch_warnings():  # plotly notes that kaleido options are ignored with a server
            warnings.simplefilter("ignore", UserWarning)
            return fig.to_image(format="png", scale=scale)


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
