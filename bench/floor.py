"""How far each page's rerun is from Streamlit's own floor, and where a rerun's CPU goes.

    .venv/bin/python -m bench.floor            # the floor, every page's ratio, one profile per page
    .venv/bin/python -m bench.floor shapes hidden_states --repeats 40   # these pages, 40 reruns a timing

- floor: ``bench/floor_page.py`` (the frame's widgets and one heatmap, nothing else), rerun
  the way bench/run.py reruns a page (a seed change under AppTest), median ms.
- ratio: a page's rerun at the defaults over the floor, both measured in this run (the machine is
  noisy: compare ratios taken together, not figures across runs).
- cpu: the same reruns in CPU time of the script thread (``time.thread_time``), which other
  processes on a busy machine slow much less than the wall clock, taken in turns with the page's
  own floor: the same floor page with the page's widgets (counted by place and kind on the page:
  ``floor_spec``) and one figure carrying as many numbers as the page's figures, as issue 16 defines
  it; ``ratio_cpu`` is the page's median over its floor's from those same turns, the figure the
  goal (<= 1.3) is read from.
- compute: of the page's script-thread CPU, what its cache misses took (``st.cache_data`` computing
  a new result and storing it: the explainer's work for the new seed, which the floor has no part
  of); ``ratio_rest`` is the rest of the page's rerun (frame, widgets, text, tables, figures) over
  the floor: how far the page is from Streamlit's own cost once its computation is set aside.
- wall in turns: the wall clock of those same alternating reruns (``ratio_wall_turns``), AppTest's
  own work in the test thread included, which the script-thread CPU leaves out.
- streamlit: of the page's script-thread CPU in those turns, what its calls to Streamlit itself took
  (st.markdown, st.number_input, st.page_link, st.navigation...: ``ScriptCpu``), by call and in all,
  beside the floor's own; ``ratio_streamlit`` is the page's over its floor's whole rerun, the least
  ratio the page could reach if the app's own Python and its computing cost nothing. ``own`` is what
  is left of the page's rerun: the app's Python (the frame, the page's code between its calls) and
  the script runner's.
- profile: cProfile over a page's reruns (the script thread only), each function's own time
  summed by where it lives: the frame (ui/), the explainer, torch, widgets, markdown and text,
  tables, figures (Plotly and its JSON), caches, and the rest of Streamlit's runtime. Its own
  overhead multiplies the time of each call (the parts sum to several times the rerun's CPU): the
  report prints them as shares.
"""

from __future__ import annotations

import base64
import collections
import contextlib
import cProfile
import inspect
import itertools
import json
import logging
import math
import os
import pstats
import statistics
import sys
import threading
import time
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from ui import pages as ui_pages  # noqa: E402

FLOOR_PAGE = ROOT / "bench" / "floor_page.py"
# (category, substrings of a function's file path), first match wins
CATEGORIES = (
    ("frame (ui/)", ("/ui/",)),
    ("figures (plotly, json)", ("/plotly/", "plotly_chart", "/json/", "_plotly_utils", "explainer/figures")),
    ("explainer", ("/explainer/",)),
    ("torch", ("/torch/",)),
    ("tables (pandas, arrow)", ("/pandas/", "/pyarrow/", "arrow", "dataframe", "table")),
    ("widgets", ("/elements/widgets/", "widget", "/elements/lib/policies")),
    ("markdown and text", ("/elements/markdown", "/elements/text", "/elements/alert", "/elements/heading")),
    ("caches", ("/runtime/caching/",)),
    ("protobuf", ("/google/protobuf/", "_pb2")),
    ("streamlit runtime", ("/streamlit/",)),
)


def no_png_renderer() -> contextlib.AbstractContextManager:
    """No PNG renderer started beside the timings: AppTest runs the pages in this process, and the
    first page that offers its exports starts one in the background (explainer/export.py: a
    Chromium, about 5 s of CPU on this 2-core machine), as tests/conftest.py also prevents. A
    context manager: the environment is as it was afterwards."""
    from explainer import export

    return mock.patch.dict(os.environ, {export.WARM_ENV: "0"})


def app_test(script: Path, page: str | None = None, query: dict | None = None):
    """An AppTest of ``script`` run once (opened by a link with ``query``), then switched to ``page``.

    AppTest's constructor writes to st.session_state outside a script run, which Streamlit logs as
    a "missing ScriptRunContext" warning made for bare ``python app.py`` runs: two lines on every
    page timed, so that logger is quiet for the constructor.
    """
    from streamlit.testing.v1 import AppTest

    ctx_log = logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context")
    level = ctx_log.level
    ctx_log.setLevel(logging.ERROR)
    try:
        at = AppTest.from_file(str(script), default_timeout=300)
    finally:
        ctx_log.setLevel(level)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.run()
    if page:
        at.switch_page(page).run()
    return at


# Each changer gets seeds of its own: a page's rerun never meets a result that another page's (the
# hidden-states and equations pages share the trace) or an earlier timing's reruns put in the cache.
_SEED_BLOCKS = itertools.count(1, 10_000)


def _seed_changer(at):
    start = next(_SEED_BLOCKS)
    seeds = iter(range(start, start + 10_000))

    def change():
        at.number_input(key="seed").set_value(next(seeds)).run()

    return change


def changer(at):
    """The change bench/run.py and this module time on a page: the seed (each call a block of seeds
    of its own, so no rerun meets a result another page put in the cache: hidden states and
    equations share the trace); on the debugger an edit of the pasted code (read again), on the
    quiz the next question and back. None for a page with none of them."""
    if any(w.key == "seed" for w in at.number_input):
        return _seed_changer(at)
    n = iter(range(1, 10**6))
    if any(w.key == "dbg_code" for w in at.text_area):

        def edit():
            code = at.text_area(key="dbg_code").value.split("\n# edit")[0]
            at.text_area(key="dbg_code").set_value(f"{code}\n# edit {next(n)}\n").run()

        return edit
    if any(b.key == "quiz_next" for b in at.button):

        def step():
            at.button(key="quiz_next" if next(n) % 2 else "quiz_prev").click().run()

        return step
    return None


_INHERITED = object()  # ScriptCpu._patch: the attribute was the owner's base class's
# Streamlit's own commands that are not methods of a DeltaGenerator (those are all counted)
ST_COMMANDS = ("navigation", "set_page_config", "Page")
# what st.session_state's and st.query_params's classes define (get, in, setdefault... go through them)
PROXY_METHODS = ("__getitem__", "__setitem__", "__delitem__", "__iter__", "__len__", "__getattr__") + (
    "__setattr__",
    "__delattr__",
    "to_dict",
    "update",
    "get_all",
    "clear",
    "from_dict",
)


class ScriptCpu:
    """Where each rerun's CPU goes, in ms of its script thread (AppTest, like the server, runs each
    rerun in a new thread): ``runs`` the whole rerun; ``computes`` its cache misses (st.cache_data
    computing and storing a new result); ``lookups`` its cached calls in all (hashing the arguments,
    loading a hit, and the misses); ``elements`` its calls to Streamlit itself (st.markdown,
    st.number_input, st.page_link, st.navigation and the rest, by name): what Streamlit costs to build
    and send what the page shows. Each is the outermost call only, and a cached call's own Streamlit
    calls count as the cached call's. They are timed by the clock around each call, not by a
    profiler, whose own overhead multiplied a rerun's cost several times over. What remains of a
    rerun is the app's own Python (the frame, the page's code between its calls) and the script
    runner's."""

    def __init__(self) -> None:
        self.runs: list[float] = []
        self.computes: list[float] = []
        self.lookups: list[float] = []
        self.elements: list[collections.Counter] = []
        self._undo: list[tuple[object, str, object]] = []  # (owner, name, its own value before)

    def __enter__(self) -> ScriptCpu:
        import streamlit as st
        from streamlit.delta_generator import DeltaGenerator
        from streamlit.runtime.caching import cache_utils
        from streamlit.runtime.scriptrunner import script_runner

        original = script_runner.ScriptRunner._run_script_thread
        miss = cache_utils.CachedFunc._handle_cache_miss
        cached_call = cache_utils.CachedFunc.__call__
        local = threading.local()  # this thread's rerun: its totals and which timed call it is in

        def timed(runner, *args, **kwargs):
            local.compute, local.lookups, local.elements = 0.0, 0.0, collections.Counter()
            local.within = None
            start = time.thread_time()
            try:
                return original(runner, *args, **kwargs)
            finally:
                self.runs.append((time.thread_time() - start) * 1000)
                self.computes.append(local.compute)
                self.lookups.append(local.lookups)
                self.elements.append(local.elements)
                del local.within

        def clock(kind, fn, add, free=()):
            """``fn`` timed into ``add(ms)`` when this thread's rerun is in none of its timed calls but
            those named ``free`` (a miss is timed inside its cached call)."""

            def call(*args, **kwargs):
                within = getattr(local, "within", "none")
                if within is not None and within not in free:
                    return fn(*args, **kwargs)
                local.within = kind
                start = time.thread_time()
                try:
                    return fn(*args, **kwargs)
                finally:
                    add((time.thread_time() - start) * 1000)
                    local.within = within

            return call

        def to(attr):
            def add(ms):
                setattr(local, attr, getattr(local, attr) + ms)

            return add

        def element(name, fn):
            return clock("element", fn, lambda ms: local.elements.update({name: ms}))

        try:
            self._patch(cache_utils.CachedFunc, "__call__", clock("cache", cached_call, to("lookups")))
            miss_timed = clock("miss", miss, to("compute"), free=("cache",))
            self._patch(cache_utils.CachedFunc, "_handle_cache_miss", miss_timed)
            # every public method of a DeltaGenerator (its mixins'), then st.<name>, which is either
            # such a method bound to the main one (st.markdown) or a command of its own (ST_COMMANDS);
            # entering and leaving a container (`with st.expander(...)`), and st.session_state's and
            # st.query_params's own methods, under one name each
            methods = set()
            for name in dir(DeltaGenerator):
                static = inspect.getattr_static(DeltaGenerator, name)
                if not name.startswith("_") and inspect.isfunction(static):
                    methods.add(name)
                    self._patch(DeltaGenerator, name, element(name, static))
            for cls, label in ((DeltaGenerator, "with"), (type(st.session_state), "session_state")) + (
                (type(st.query_params), "query_params"),
            ):
                names = ("__enter__", "__exit__") if cls is DeltaGenerator else PROXY_METHODS
                for name in names:
                    if name in cls.__dict__:
                        self._patch(cls, name, element(label, cls.__dict__[name]))
            for name in dir(st):
                value = getattr(st, name)
                bound = inspect.ismethod(value) and isinstance(value.__self__, DeltaGenerator)
                if bound and name in methods:
                    self._patch(st, name, getattr(value.__self__, name))
                elif name in ST_COMMANDS:
                    self._patch(st, name, element(name, value))
            self._patch(script_runner.ScriptRunner, "_run_script_thread", timed)
        except BaseException:
            self.__exit__()  # what was patched before the failure
            raise
        return self

    def _patch(self, owner: object, name: str, value: object) -> None:
        """``owner.name = value``, undone by ``__exit__`` (an inherited attribute: deleted again)."""
        self._undo.append((owner, name, vars(owner).get(name, _INHERITED)))
        setattr(owner, name, value)

    def __exit__(self, *exc) -> None:
        while self._undo:
            owner, name, old = self._undo.pop()
            if old is _INHERITED:
                delattr(owner, name)  # a mixin's method
            else:
                setattr(owner, name, old)


def _numbers(trace: dict) -> int:
    """How many numbers a figure's trace carries in x, y and z (lists, or Plotly's base64 arrays)."""
    count = 0
    for key in ("x", "y", "z"):
        value = trace.get(key)
        if isinstance(value, dict) and "bdata" in value:
            shape = value.get("shape")
            count += (
                math.prod(int(n) for n in str(shape).split(","))
                if shape
                else len(base64.b64decode(value["bdata"])) // np.dtype(value["dtype"]).itemsize
            )
        elif isinstance(value, list):
            count += sum(len(v) if isinstance(v, list) else 1 for v in value)
    return count


def page_spec(at) -> dict:
    """The page's floor (bench/floor_page.py's ``FLOOR_SPEC``): the page's widgets, counted by place
    ("s." the sidebar, "m." the page) and kind, and the numbers all its figures carry."""
    from streamlit.testing.v1.element_tree import Widget

    widgets: collections.Counter = collections.Counter()

    def walk(node, where: str) -> None:
        for child in getattr(node, "children", {}).values():
            if isinstance(child, Widget):
                widgets[f"{where}.{child.type}"] += 1
            walk(child, where)

    walk(at.sidebar, "s")
    walk(at.main, "m")
    charts = at.get("plotly_chart")
    values = sum(_numbers(trace) for chart in charts for trace in json.loads(chart.proto.spec)["data"])
    return {"widgets": dict(sorted(widgets.items(), reverse=True)), "values": values}


@contextlib.contextmanager
def _spec(spec: dict | None):
    """The floor page reads its spec from the environment at each run."""
    with mock.patch.dict(os.environ):  # as it was afterwards
        os.environ.pop("FLOOR_SPEC", None)
        if spec is not None:
            os.environ["FLOOR_SPEC"] = json.dumps(spec)
        yield


def floor_changer(spec: dict | None = None):
    """A seed change on the floor page: the frame's floor, or with ``spec`` a page's (``page_spec``)."""
    with _spec(spec):
        change = _seed_changer(app_test(FLOOR_PAGE))

    def changed() -> None:
        with _spec(spec):
            change()

    return changed


def turns(page: str | None, repeats: int) -> dict | None:
    """Median script-thread CPU ms and wall ms of a seed change on ``page`` and on its floor (the
    page's widgets and figure numbers: ``page_spec``), taken in turns (floor, page, floor, page, ...)
    so that both meet the same load (the page's change: ``changer``); None for a page without one.
    Keys: cpu, floor_cpu, wall, floor_wall, compute (the page's cache misses), rest (each rerun's CPU
    less its misses), streamlit and floor_streamlit (the CPU inside Streamlit's own calls: ScriptCpu),
    lookups (the page's cached calls less their misses: hashing, loading hits), own (the page's CPU
    less its cached calls and its Streamlit calls), by_call (the page's Streamlit calls
    by name, mean ms a rerun) and spec (the floor's)."""
    at = app_test(ROOT / "app.py", page)
    change = changer(at)
    if change is None:
        return None
    change()  # warm: the page's first rerun imports and fills what later reruns reuse
    spec = page_spec(at)
    floor_change = floor_changer(spec)
    floor_change()
    wall: list[float] = []
    with ScriptCpu() as cpu:
        for _ in range(repeats):
            for fn in (floor_change, change):
                start = time.perf_counter()
                fn()
                wall.append((time.perf_counter() - start) * 1000)
    med = statistics.median
    page_runs, page_computes = cpu.runs[1::2], cpu.computes[1::2]
    page_calls = [sum(c.values()) for c in cpu.elements[1::2]]
    page_lookups = cpu.lookups[1::2]
    by_call: collections.Counter = sum(cpu.elements[1::2], collections.Counter())
    return {
        "cpu": med(page_runs),
        "floor_cpu": med(cpu.runs[0::2]),
        "compute": med(page_computes),
        "rest": med(r - c for r, c in zip(page_runs, page_computes, strict=True)),
        "streamlit": med(page_calls),
        "floor_streamlit": med(sum(c.values()) for c in cpu.elements[0::2]),
        "lookups": med(k - c for k, c in zip(page_lookups, page_computes, strict=True)),
        "own": med(r - k - e for r, k, e in zip(page_runs, page_lookups, page_calls, strict=True)),
        "by_call": {name: ms / repeats for name, ms in by_call.most_common()},
        "wall": med(wall[1::2]),
        "floor_wall": med(wall[0::2]),
        "spec": spec,
    }


def floor_ms(repeats: int) -> float:
    """Median rerun of the floor page (a seed change), ms, timed as bench/run.py times the pages."""
    from bench.run import median_ms

    return median_ms(floor_changer(), repeats=repeats)


def category(filename: str) -> str:
    for name, needles in CATEGORIES:
        if any(n in filename for n in needles):
            return name
    return "python and the rest"


def profile(page: str, reruns: int, script: Path = ROOT / "app.py") -> dict[str, float]:
    """CPU ms per rerun by category, from cProfile in the script thread over ``reruns`` seed changes
    (cProfile's own overhead included: compare the parts, and pages with the floor's profile)."""
    from streamlit.runtime.scriptrunner import script_runner

    at = app_test(script, None if page == "app.py" else page)
    change = changer(at)
    if change is None:
        return {}
    change()  # warm
    profiler = cProfile.Profile(time.thread_time)  # CPU of the script thread, not its waits
    original = script_runner.ScriptRunner._run_script_thread

    def profiled(self, *args, **kwargs):  # AppTest runs each rerun in a new script thread
        profiler.enable()
        try:
            return original(self, *args, **kwargs)
        finally:
            profiler.disable()

    script_runner.ScriptRunner._run_script_thread = profiled
    try:
        for _ in range(reruns):
            change()
    finally:
        script_runner.ScriptRunner._run_script_thread = original
    totals: dict[str, float] = {}
    for (filename, _, _), (_, _, tottime, _, callers) in pstats.Stats(profiler).stats.items():
        if filename == "~" and callers:  # a builtin: counted where it was called from
            filename = max(callers.items(), key=lambda kv: kv[1][2])[0][0]
        key = category(filename)
        totals[key] = totals.get(key, 0.0) + tottime * 1000 / reruns
    return {k: round(v, 2) for k, v in sorted(totals.items(), key=lambda kv: -kv[1])}


def figures(
    pages: dict | None = None,
    repeats: int = 9,
    reruns: int = 10,
    quick: bool = False,
    only: tuple[str, ...] = (),
    profiles: bool = True,
) -> dict:
    """The floor, each page's rerun (``pages``: bench/run.py's pages_default, else measured here)
    and its ratio to the floor, the same in script-thread CPU, and a CPU profile per page.

    ``only`` names the pages to measure (all when empty); the wall-clock rerun is then skipped
    unless ``pages`` gives it.
    """
    with no_png_renderer():
        return _figures(pages, repeats, reruns, quick, only, profiles)


def _figures(pages, repeats, reruns, quick, only, profiles) -> dict:
    chosen = [p for p in ui_pages.PAGES if not only or p.name in only]
    if pages is None and not only:
        from bench.run import app_figures

        pages = app_figures(repeats=repeats)
    pages = pages or {}
    cpu_repeats = 3 if quick else max(repeats, 15)
    floor = floor_ms(repeats)
    out = {
        "floor_ms": round(floor, 1),
        "floor_profile": profile("app.py", 2 if quick else reruns, FLOOR_PAGE) if profiles else {},
    }
    out["pages"] = {}
    floor_cpu = []
    for page in chosen:
        rerun = pages.get(page.name, {}).get("rerun_ms")
        row = out["pages"][page.name] = {
            "rerun_ms": rerun,
            "ratio_to_floor": round(rerun / floor, 2) if rerun else None,
            "rerun_cpu_ms": None,
            "floor_cpu_ms": None,
            "ratio_cpu": None,
            "ratio_wall_turns": None,
            "compute_cpu_ms": None,
            "ratio_rest": None,
        }
        t = turns(None if page.name == "home" else page.path, cpu_repeats)
        if t:
            row["rerun_cpu_ms"], row["floor_cpu_ms"] = round(t["cpu"], 2), round(t["floor_cpu"], 2)
            row["ratio_cpu"] = round(t["cpu"] / t["floor_cpu"], 2)
            row["compute_cpu_ms"] = round(t["compute"], 2)
            row["ratio_rest"] = round(t["rest"] / t["floor_cpu"], 2)
            row["streamlit_cpu_ms"] = round(t["streamlit"], 2)
            row["floor_streamlit_cpu_ms"] = round(t["floor_streamlit"], 2)
            row["cache_lookup_cpu_ms"] = round(t["lookups"], 2)
            row["own_cpu_ms"] = round(t["own"], 2)
            # the least this page's rerun could cost against its floor if the app's own Python and its
            # computing took nothing: Streamlit's calls for what the page shows, alone
            row["ratio_streamlit"] = round(t["streamlit"] / t["floor_cpu"], 2)
            row["streamlit_by_call_ms"] = {k: round(v, 2) for k, v in list(t["by_call"].items())[:8]}
            row["floor_spec"] = t["spec"]
            row["rerun_wall_turns_ms"] = round(t["wall"], 1)
            row["floor_wall_turns_ms"] = round(t["floor_wall"], 1)
            row["ratio_wall_turns"] = round(t["wall"] / t["floor_wall"], 2)
            floor_cpu.append(t["floor_cpu"])
        row["profile_ms_per_rerun"] = profile(page.path, 2 if quick else reruns) if profiles else {}
    out["floor_cpu_ms"] = round(statistics.median(floor_cpu), 2) if floor_cpu else None
    return out


def report(r: dict) -> None:
    print(
        f"Streamlit's floor (frame's widgets + one heatmap): {r['floor_ms']} ms per rerun,"
        f" {r.get('floor_cpu_ms')} ms CPU"
    )
    print("  its profile: " + ", ".join(f"{k} {v} ms" for k, v in list(r["floor_profile"].items())[:5]))
    for name, row in r["pages"].items():
        print(
            f"  {name:<15} rerun {row['rerun_ms']} ms = {row['ratio_to_floor']} x floor;"
            f" CPU {row.get('rerun_cpu_ms')} ms = {row.get('ratio_cpu')} x its floor's"
            f" {row.get('floor_cpu_ms')} ms beside it (goal <= 1.3);"
            f" wall in the same turns {row.get('rerun_wall_turns_ms')} ms = {row.get('ratio_wall_turns')} x"
        )
        if row.get("ratio_rest") is not None:
            spec = row["floor_spec"]
            print(
                f"      its floor: {sum(spec['widgets'].values())} widgets,"
                f" a figure of {spec['values']} numbers;"
                f" of the page's CPU, computing the new result {row['compute_cpu_ms']} ms;"
                f" the rest = {row['ratio_rest']} x the floor"
            )
            calls = ", ".join(f"{k} {v}" for k, v in list(row["streamlit_by_call_ms"].items())[:6])
            print(
                f"      inside Streamlit's own calls {row['streamlit_cpu_ms']} ms"
                f" (the floor's {row['floor_streamlit_cpu_ms']} ms) = {row['ratio_streamlit']} x the floor"
                f" by itself; cache lookups {row['cache_lookup_cpu_ms']} ms; the app's own Python and"
                f" the runner {row['own_cpu_ms']} ms; calls: {calls}"
            )
        # cProfile's own overhead multiplies every call's time: its parts are read as shares
        parts = row["profile_ms_per_rerun"]
        total = sum(parts.values()) or 1.0
        shares = [f"{part} {100 * ms / total:.0f}%" for part, ms in list(parts.items())[:6]]
        if shares:
            print("      profile (shares of the rerun, cProfile): " + ", ".join(shares))


if __name__ == "__main__":
    import torch

    torch.set_num_threads(1)
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", help="page names (ui/pages.py); all when none")
    parser.add_argument("--repeats", type=int, default=9, help="reruns per timing (CPU: at least 15)")
    parser.add_argument("--no-profile", action="store_true", help="timings only (faster)")
    parser.add_argument("--json", type=Path, help="where to write the figures (default: artifacts/)")
    args = parser.parse_args()
    only = tuple(args.pages)
    result = figures(repeats=args.repeats, only=only, profiles=not args.no_profile)
    report(result)
    (ROOT / "artifacts").mkdir(exist_ok=True)
    name = "bench-floor.json" if not only else f"bench-floor-{'-'.join(only)}.json"
    (args.json or ROOT / "artifacts" / name).write_text(json.dumps(result, indent=2) + "\n")
