"""The benchmark harness still runs (quick mode: every figure once, small sizes)."""

import json
import os
import subprocess
import sys

from tests_paths import ROOT


def test_bench_quick_mode_writes_every_figure():
    env = dict(os.environ, BENCH_QUICK="1")
    subprocess.run(
        [sys.executable, "-m", "bench.run"], cwd=ROOT, env=env, check=True, timeout=300, capture_output=True
    )
    results = json.loads((ROOT / "bench" / "results.json").read_text())
    assert results["quick"] is True
    assert results["manual_vs_module"]["ratio"] > 0
    assert set(results["rerun_ms"]) == {"home", "shapes", "hidden_states", "equations"}
    assert set(results["compute_ms"]) == {"shapes", "hidden_states", "equations"}
    assert set(results["training"]) == {"char", "sine"}
