"""The benchmark harness still runs.

make test runs the harness's in-process figures once at small sizes (the part that breaks when the
explainer's API changes under it); the whole harness in quick mode (AppTest of every page, a
browser against a fresh server, a throttled page load, Locust against nginx: about two minutes on
a quiet 2-core machine) is marked `bench`: `pytest -m bench`, which .ci/run runs after make test.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tests_paths import ROOT

# In its own interpreter, as `make bench` runs it: bench.run reads BENCH_QUICK when it is imported.
IN_PROCESS_FIGURES = """
import json
import torch
from explainer.settings import DEFAULTS
from bench import run
from ui.threads import torch_threads
torch.set_num_threads(torch_threads())  # as bench.run.main: with two, one call stalled 1.2 s here
figures = {"manual_vs_module": run.manual_vs_module(), "compute_ms": run.compute_ms(dict(DEFAULTS))}
print(json.dumps(figures))
"""


def test_bench_quick_in_process_figures():
    """Every page's explainer work (bench.run.page_work) and the manual/module ratio, measured once."""
    env = dict(os.environ, BENCH_QUICK="1")
    done = subprocess.run(
        [sys.executable, "-c", IN_PROCESS_FIGURES],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=600,
        capture_output=True,
        text=True,
    )
    results = json.loads(done.stdout.splitlines()[-1])
    assert results["manual_vs_module"]["ratio"] > 0
    pages = {"home", "shapes", "hidden_states", "equations", "debugger", "quiz", "packed", "training"}
    pages |= {"gradients", "patterns"}
    assert set(results["compute_ms"]) == pages - {"home", "training"}


@pytest.mark.bench
def test_bench_quick_mode_writes_every_figure():
    env = dict(os.environ, BENCH_QUICK="1")
    subprocess.run(
        [sys.executable, "-m", "bench.run"], cwd=ROOT, env=env, check=True, timeout=600, capture_output=True
    )
    results = json.loads((ROOT / "artifacts" / "bench-quick.json").read_text())
    assert results["quick"] is True
    assert results["manual_vs_module"]["ratio"] > 0
    pages = {"home", "shapes", "hidden_states", "equations", "debugger", "quiz", "packed", "training"}
    pages |= {"gradients"}
    pages |= {"patterns"}
    assert (
        set(results["rerun_ms"]) == set(results["large_rerun_ms"]) == set(results["payload_bytes"]) == pages
    )
    assert set(results["compute_ms"]) == pages - {"home", "training"}
    for page in pages:
        assert "exception" not in results["pages_default"][page], page
        assert "exception" not in results["pages_large"][page], page
        assert 0 < results["payload_bytes"][page]["default"] <= 2 * 2**20
    assert results["guard"]["slowest_accepted"]["ms"] > 0
    assert results["floor"]["floor_ms"] > 0 and set(results["floor"]["pages"]) == pages
    assert sum(results["floor"]["pages"]["shapes"]["profile_ms_per_rerun"].values()) > 0
    hidden = results["floor"]["pages"]["hidden_states"]
    assert hidden["floor_spec"]["widgets"]["m.multiselect"] == 1 and hidden["ratio_rest"] > 0
    assert hidden["streamlit_cpu_ms"] > 0 and hidden["streamlit_by_call_ms"]["plotly_chart"] > 0
    assert results["guard_gradients"]["slowest_accepted"]["ms"] > 0
    assert set(results["training"]) == {"char", "sine", "stateful"}
    assert set(results["training"]["stateful"]) == {"reset", "detach", "carry", "retain"}
    if Path("/usr/bin/chromium").exists():
        assert results["cold_start_s"] > 0 and results["browser_roundtrip_ms"] > 0
    if shutil.which("nginx"):
        load = results["load"]
        assert load["burst"]["errors"] == 0 and load["burst"]["p95_ms"] > 0
        assert load["rss_mb"]["after_soak"] > 0
        hostile = results["hostile"]  # the class beside a paster of the debugger's probes
        assert hostile["errors"] == 0 and hostile["with"]["paster"]["pastes"] >= 1
        assert hostile["with"]["paster"]["errors"] == 0
        assert results["first_load"]["nginx"]["hidden"]["first_run"] > 0


@pytest.mark.parametrize("page", ["views/2_Hidden_states.py", "views/4_Debugger.py", "views/8_Gradients.py"])
def test_a_pages_floor_has_the_pages_widgets_and_figure_numbers(page):
    """Issue 16's floor for a page (bench/floor_page.py with bench/floor.py's spec of the page): as
    many widgets of each kind, in the sidebar and on the page, and a figure of at least as many numbers."""
    from bench import floor

    spec = floor.page_spec(floor.app_test(ROOT / "app.py", page))
    assert spec["widgets"]["s.number_input"] == 8 and sum(spec["widgets"].values()) > 16
    with floor._spec(spec):
        built = floor.page_spec(floor.app_test(floor.FLOOR_PAGE))
    assert built["widgets"] == spec["widgets"]
    assert spec["values"] <= built["values"] < spec["values"] + 40  # two heatmaps of 20 rows: rounded up
    assert (built["values"] == 0) == (spec["values"] == 0)


SPLIT_PAGE = """
import streamlit as st

@st.cache_data
def work(seed):
    st.markdown("computed")  # a cached call's own Streamlit call: the cached call's, not the page's
    return sum(i * i for i in range(100_000 + seed))

seed = st.sidebar.number_input("Seed", 0, 10**6, 0, key="seed")
st.caption("hello")  # st.markdown only inside st.write and the cached call
with st.expander("more"):
    st.write(work(seed))  # st.write calls st.markdown: one call, st.write's
work(0)  # a hit
"""


def _streamlit_attributes() -> list[dict]:
    """What bench.floor.ScriptCpu patches, attribute by attribute."""
    import streamlit as st
    from streamlit.delta_generator import DeltaGenerator
    from streamlit.runtime.caching import cache_utils
    from streamlit.runtime.scriptrunner import script_runner

    owners = (st, DeltaGenerator, type(st.session_state), type(st.query_params), cache_utils.CachedFunc)
    return [dict(vars(owner)) for owner in (*owners, script_runner.ScriptRunner)]


def test_a_reruns_cpu_is_split_without_counting_a_call_twice(tmp_path):
    """bench.floor.ScriptCpu (issue 16's split of a rerun): each of Streamlit's calls by its outermost
    name (entering and leaving the expander: "with"), a cached call's misses inside its lookup, the
    parts within the rerun; every patch undone."""
    from bench import floor

    script = tmp_path / "split.py"
    script.write_text(SPLIT_PAGE)
    at = floor.app_test(script)
    change = floor._seed_changer(at)
    before = _streamlit_attributes()
    with floor.ScriptCpu() as cpu:
        for _ in range(3):
            change()
    assert not at.exception
    assert [set(e) for e in cpu.elements] == [{"number_input", "caption", "expander", "with", "write"}] * 3
    for run, compute, lookup, elements in zip(cpu.runs, cpu.computes, cpu.lookups, cpu.elements, strict=True):
        assert 0 < compute <= lookup and lookup + sum(elements.values()) <= run
    assert _streamlit_attributes() == before


def test_a_split_that_fails_to_start_leaves_streamlit_as_it_was():
    from bench import floor

    class Failing(floor.ScriptCpu):
        def _patch(self, owner, name, value):
            if len(self._undo) == 40:
                raise RuntimeError("patching failed")
            super()._patch(owner, name, value)

    before = _streamlit_attributes()
    with pytest.raises(RuntimeError, match="patching failed"), Failing():
        pass
    assert _streamlit_attributes() == before
