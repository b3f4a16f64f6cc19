"""Torch's thread count holds in every rerun's thread, not only in the one that imported the frame.

OpenMP keeps the count per thread: a fresh thread reports torch.get_num_threads() == 1 while its
OpenMP (which oneDNN's LSTM uses) still runs on every core. On a busy 2-core server that made a
tiny forward pass 20x slower.
"""

import ctypes
import os
import threading

import pytest
import torch
from streamlit.testing.v1 import AppTest
from tests_paths import APP

from ui import frame as frame_module


def omp_max_threads_in_a_new_thread(before=None) -> int:
    path = os.path.join(os.path.dirname(torch.__file__), "lib", "libgomp.so.1")
    if not os.path.exists(path):
        pytest.skip("this torch build does not bundle libgomp")
    gomp = ctypes.CDLL(path)
    seen = []

    def run():
        if before:
            before()
        seen.append(gomp.omp_get_max_threads())

    t = threading.Thread(target=run)
    t.start()
    t.join()
    return seen[0]


def test_a_fresh_thread_gets_the_servers_thread_count():
    assert omp_max_threads_in_a_new_thread(frame_module.pin_torch_threads) == frame_module.torch_threads()
    if (os.cpu_count() or 1) > 1:  # the reason for the fix: without it a new thread uses every core
        assert omp_max_threads_in_a_new_thread() > frame_module.torch_threads()


def test_every_rerun_pins_the_thread_count(monkeypatch):
    threads = []
    monkeypatch.setattr(frame_module, "pin_torch_threads", lambda: threads.append(threading.get_ident()))
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.run()
    at.run()
    assert not at.exception
    assert len(threads) == 2 and threading.get_ident() not in threads
