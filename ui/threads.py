"""Torch's thread count per server process, applied in every rerun's thread."""

from __future__ import annotations

import os

import torch


def torch_threads() -> int:
    """Torch threads per server process: EXPLAINER_TORCH_THREADS, default 1.

    Many sessions share a process and `make serve` runs one process per core, so one thread each
    keeps the cores from being oversubscribed; with two threads on a busy 2-core machine a tiny
    forward pass went from 0.5 ms to ~9 ms (spinning threads waiting for each other).
    """
    raw = os.environ.get("EXPLAINER_TORCH_THREADS", "1")
    return int(raw) if raw.isdecimal() and 1 <= int(raw) <= 256 else 1


def pin_torch_threads() -> None:
    """Apply the thread count in the calling thread; the frame does it on every rerun.

    Streamlit runs each rerun in a new thread, and torch's OpenMP thread count is per thread:
    a new thread reports torch.get_num_threads() == 1 yet oneDNN's LSTM ran on every core.
    Measured on this 2-core machine with the other core busy: a tiny LSTM took 8.75 ms in a
    fresh thread against 0.37 ms once set there (0.3 us a call).
    """
    torch.set_num_threads(torch_threads())


pin_torch_threads()
