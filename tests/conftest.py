"""Shared test setup: the repo root on sys.path, one torch thread, hypothesis without deadlines,
short test ids, and which tests share an xdist worker."""

import os
import re
import sys
import zlib
from pathlib import Path

import pytest
import torch
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
# Pages start the PNG renderer (a Chromium) in the background once per process; AppTest runs
# every page in the test process, so the suite leaves it off (tests/test_export.py starts it).
os.environ.setdefault("EXPLAINER_PNG_WARM", "0")
# One torch thread, as the app runs (ui.frame.pin_torch_threads): with two, a training test took
# 53 s instead of 7.7 s on a busy 2-core machine, the threads spinning while they wait for each other.
torch.set_num_threads(1)

settings.register_profile(
    "default", deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow]
)
# HYPOTHESIS_PROFILE=deep: a long hunt before a release (CI keeps the default).
settings.register_profile("deep", parent=settings.get_profile("default"), max_examples=1500)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def pytest_make_parametrize_id(config, val, argname):
    """Short ids: a config as its flags ("LSTM-i2-h4-l2-bi-bf-p3"), a long snippet as its start and
    a checksum, so a failing test's name fits on a line and stays the same from run to run."""
    from helpers import cfg_id

    from explainer import RNNConfig

    if isinstance(val, RNNConfig):
        return cfg_id(val)
    if isinstance(val, str) and len(val) > 40:
        start = re.sub(r"\W+", "_", val[:24]).strip("_")
        return f"{start}-{zlib.crc32(val.encode()):08x}"
    return None


@pytest.fixture(autouse=True, scope="session")
def _components_scanned_once():
    """Each new AppTest (test_pages, test_variants, test_threads, the debugger's page tests...) has
    Streamlit scan every installed distribution's metadata for components (v2 manifests): about
    0.1 s per AppTest, hundreds of times, always the same answer while the tests run. The first
    scan is real; the others get a copy of its answer."""
    import functools

    from streamlit.components.v2 import manifest_scanner

    scanned = functools.cache(manifest_scanner.scan_component_manifests)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(manifest_scanner, "scan_component_manifests", lambda *a, **k: list(scanned(*a, **k)))
        yield


# The debugger corpus is real users' code, run by tests/test_debugger_corpus.py in subprocesses:
# never collected as tests itself (a file named like 053_..._test.py would be).
collect_ignore_glob = ["debugger_corpus/*"]


# Tests that share one costly module fixture run on one xdist worker (make test runs
# `pytest -n 2 --dist loadgroup`), or it would be paid once per worker: the corpus's real-torch run
# (tests/corpus.py, ~45 s), test_load's Streamlit backend (torch's import and a first page), the
# debugger's pool of worker processes (test_isolate). Every other test, the browser tests included
# (one server and one Chromium per worker), goes to whichever worker is free. xdist's own
# xdist_group mark does not group under pytest 9 (it renames item._nodeid, which pytest 9 no
# longer reads), so the groups are named here by file and given to xdist as its scheduler.
XDIST_GROUPS = {"test_debugger_corpus.py": "corpus", "test_load.py": "load", "test_isolate.py": "isolate"}
# Longest first, so that neither worker is left with a long test at the end while the other idles:
# xdist hands out the groups (largest first), then single tests in collection order. These files'
# tests take seconds each (a page in a browser, a subprocess that imports torch, AppTest of a page,
# a training run); the thousands of millisecond tests come after them and even out the finish.
SLOW_FIRST = [
    "e2e/test_url.py",
    "e2e/test_browser.py",
    "test_bench.py",
    "test_api.py",
    "test_pages.py",
    "test_train.py",
    "test_quiz.py",
    "test_export.py",
]


def pytest_collection_modifyitems(config, items):
    def rank(item) -> int:
        path = item.nodeid.split("::", 1)[0]
        for i, slow in enumerate(SLOW_FIRST):
            if path.endswith(slow):
                return i
        return len(SLOW_FIRST)

    items.sort(key=rank)  # stable: each file keeps its own order
    # The corpus's first test also runs its module fixture, real torch on every corpus file (about
    # a CPU minute): on a loaded 2-core machine that passed pytest's 600 s per test. Its bound is
    # set by the count of files; the verdicts themselves never read a clock.
    corpus = [item for item in items if item.nodeid.split("::", 1)[0].endswith("test_debugger_corpus.py")]
    for item in corpus:
        item.add_marker(pytest.mark.timeout(max(600, 30 * len(corpus))))


@pytest.hookimpl(optionalhook=True)  # an xdist hook: `pytest -p no:xdist` must still load this file
def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadGroupScheduling

    class FileGroupScheduling(LoadGroupScheduling):
        """loadgroup, with the groups named by XDIST_GROUPS; larger groups are handed out first."""

        def _split_scope(self, nodeid: str) -> str:
            group = XDIST_GROUPS.get(nodeid.split("::", 1)[0].rsplit("/", 1)[-1])
            return group or super()._split_scope(nodeid)

    return FileGroupScheduling(config, log)
