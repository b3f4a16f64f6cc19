"""The shape debugger in its worker processes: the same verdicts, bounded answers, and a worker
that runs out of CPU or memory answers "too large to check" and is replaced, never crashing the
caller. Outcomes only: no assertion here depends on the wall clock."""

import math
import os

import pytest

from bench import hostile
from explainer.debugger import Diagnosis, diagnose_source, isolate, limits, sizes
from explainer.debugger.errors import SHORTENED
from explainer.debugger.examples import EXAMPLES
from explainer.debugger.limits import WORK_LIMIT_S
from explainer.i18n import t


@pytest.fixture(scope="module", autouse=True)
def pool():
    yield
    isolate.shutdown()


def verdict(d: Diagnosis) -> tuple:
    return (d.ok, d.error_type, d.error, d.line, d.shapes, d.refused, d.fix, [w.code for w in d.warnings])


@pytest.mark.parametrize("key", ["hx_layers", "linear_bidir", "seed_001_lstm_class"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_worker_gives_the_same_verdict_as_the_checker_itself(key, lang):
    source = EXAMPLES[key].code
    assert verdict(isolate.diagnose(source, lang)) == verdict(diagnose_source(source, lang))


def test_a_worker_started_from_a_page_does_not_run_the_app():
    """Streamlit runs app.py as __main__, and multiprocessing starts a worker by running the parent's
    __main__ again from its file unless its spec names it __main__ (app.py sets it): before, every
    worker ran the app without Streamlit, with two screens of warnings in the server's log and
    Streamlit, pandas and the frame in its memory (USS 203 -> 133 MB a worker, measured)."""
    import sys

    from helpers import loaded_here
    from streamlit.testing.v1 import AppTest
    from tests_paths import ROOT

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    at.run()
    assert not at.exception
    assert getattr(sys.modules["__main__"], "__file__", None) == str(ROOT / "app.py")  # as in the server
    isolate.shutdown()  # a new pool: its workers start now, with app.py as __main__
    names = ("streamlit", "pandas", "ui.frame", "ui.pages")
    assert isolate.run(loaded_here, names, "en") == []


def test_a_worker_out_of_cpu_answers_too_large_and_is_replaced():
    # one C call of many CPU seconds, where no check inside the interpreter can run: the kernel
    # ends the worker at its CPU limit (RLIMIT_CPU)
    d = isolate.run(math.factorial, (10**8,), "zh", cpu_s=1)
    assert not d.ok and d.refused == t("dbg.too_large", "zh", reason=t("dbg.too_large.cpu", "zh"))
    after = isolate.diagnose(EXAMPLES["hx_layers"].code)  # a new worker took its place
    assert after.error_type == "RuntimeError" and "Expected hidden" in after.error


def test_a_worker_out_of_memory_answers_too_large():
    d = isolate.run(bytearray, (8 * 2**30,), "en")  # past the address-space limit: never allocated
    assert not d.ok and d.refused == t("dbg.too_large", "en", reason=t("dbg.too_large.memory", "en"))
    assert isolate.diagnose("import torch\nx = torch.zeros(2, 3)\n").shapes == {"x": (2, 3)}


def test_an_allocation_the_limit_stopped_is_not_presented_as_torchs_verdict():
    d = Diagnosis(False, "RuntimeError", "DefaultCPUAllocator: can't allocate memory: you tried to allocate")
    assert isolate._allocation_failed(d)
    assert not isolate._allocation_failed(Diagnosis(False, "RuntimeError", "Expected hidden size (1, 3, 4)"))


def test_every_text_sent_back_is_bounded():
    huge = "x" * (isolate.MAX_TEXT * 10)
    d = isolate.bounded(
        Diagnosis(False, "KeyError", huge, 1, {f"v{i}": (i,) for i in range(2000)}, explanation=huge)
    )
    assert len(d.error) < isolate.MAX_TEXT + 100 and len(d.explanation) < isolate.MAX_TEXT + 100
    assert len(d.shapes) == isolate.MAX_ENTRIES


# The pastes that stalled or crashed a whole server process (issue 11's review); each is now
# answered within the counted budget in the checker itself, and the worker's limits stand behind it.
PROBES = {
    "compare_shared": "a = [1]\nb = [1]\nfor i in range(30):\n    a = [a, a]\n    b = [b, b]\nc = a == b\n",
    "keyerror_shared": "a = (1,)\nfor i in range(22):\n    a = (a, a)\nd = {}\nd[a]\n",
    "str_doubled_sequential": "import torch.nn as nn\ns = nn.Sequential(nn.Linear(2, 2))\n"
    "for i in range(22):\n    s = nn.Sequential(s, s)\nt = str(s)\n",
    "bool_of_a_large_tensor": "import torch\nx = torch.zeros(20000, 20000)\nif x:\n    pass\n",
}


@pytest.mark.parametrize("key", sorted(PROBES))
def test_the_reviews_probes_get_a_short_answer(key):
    d = isolate.diagnose(PROBES[key])
    assert not d.ok and (d.refused or d.error_type)
    assert len(d.error or "") <= isolate.MAX_TEXT + 100 and len(d.explanation) <= isolate.MAX_TEXT + 100
    assert d.work <= 1.5  # the counted budget ended it, not the worker's CPU limit
    if key == "bool_of_a_large_tensor":  # torch's own words, without the 1.6 GB tensor
        assert d.error == "Boolean value of Tensor with more than one value is ambiguous"
    if key == "keyerror_shared":  # Python's words, with the 33 MB key shortened
        assert d.error_type == "KeyError" and d.error.endswith(f"[{SHORTENED}]")


DOUBLED_TUPLE = "a = (1,)\nfor i in range(30):\n    a = (a, a)\n"
DOUBLED_LISTS = "a = [1]\nb = [1]\nfor i in range(30):\n    a = [a, a]\n    b = [b, b]\n"
# more ways to make Python hash or compare 10^9 shared elements in one C call (issue 11)
WALKS = {
    "setitem_key": DOUBLED_TUPLE + "d = {}\nd[a] = 1\n",
    "dict_get": DOUBLED_TUPLE + "d = {}\nv = d.get(a)\n",
    "sorted": DOUBLED_LISTS + "s = sorted([a, b])\n",
    "max": DOUBLED_LISTS + "m = max(a, b)\n",
    "less_than": DOUBLED_LISTS + "c = a < b\n",
    "in_set": DOUBLED_TUPLE + "c = a in {1}\n",
}


def _answer(d: Diagnosis, lang: str) -> str:
    """Which bound answered: the checker's own count ('data size', 'time'), a worker's limit, or none."""
    for what in ("data size", "time"):
        if d.refused and d.refused.endswith(t("dbg.limit", lang, what=t(f"what.{what}", lang), line=d.line)):
            return what
    if d.refused and any(
        d.refused == t("dbg.too_large", lang, reason=t(f"dbg.too_large.{r}", lang))
        for r in ("cpu", "memory", "stalled", "crashed")
    ):
        return "worker limit"
    return "refused" if d.refused else "answer"


@pytest.mark.parametrize("name", sorted(hostile.PROBES))
def test_every_hostile_probe_is_answered_by_the_checkers_count(name):
    # bench.hostile's probes, as the paster pastes them: none reaches a worker's CPU or memory limit
    d = isolate.diagnose(hostile.paste(name, 0), "zh")
    assert _answer(d, "zh") != "worker limit"
    assert d.work <= WORK_LIMIT_S  # every step the checker took was counted, within its budget
    if name in ("keyerror_shared_key", "compare_shared_lists", "compare_self", "in_dict_shared_tuple"):
        assert _answer(d, "zh") == "data size" and d.work < 0.01  # refused by the weight, before the walk


@pytest.mark.parametrize("name", sorted(WALKS))
def test_a_hash_or_compare_of_shared_parts_is_refused_by_its_weight(name):
    d = isolate.diagnose(WALKS[name], "en")
    assert _answer(d, "en") == "data size" and d.line == WALKS[name].count("\n")
    assert d.work < 0.01


def test_the_walks_before_comparing_are_counted():
    # each `x == x` walks 90,000 elements: 1,000 of them are past the budget, ended by its count
    d = isolate.diagnose("x = [0] * 90000\nfor i in range(1000):\n    s = x == x\n", "en")
    assert _answer(d, "en") == "time" and d.line in (2, 3)


def test_a_shared_structure_is_weighed_in_steps_of_its_depth():
    a = b = [0]
    for _ in range(30):
        a = [a, a]
    weight, visits = sizes._weigh(a, limits.MAX_WEIGHT)
    assert weight > limits.MAX_WEIGHT and visits < 100
    for _ in range(18):  # below the budget: the exact count, each shared part every time it appears
        b = (b, b, {"k": b})
    weight, visits = sizes._weigh(b, 10**12)
    assert weight == _reference_weight(18) and visits < 200
    looped = [1]
    looped.append(looped)
    assert sizes._weight(looped, 100) > 100 and sizes._weight({"x": [looped]}, 100) > 100


def _reference_weight(depth: int) -> int:
    w = 1 + 1  # [0]: one element, one leaf
    for _ in range(depth):
        w = 3 + w + w + (2 + 1 + w)  # (b, b, {"k": b}): 3 items; the dict its key ("k") and value
    return w


def test_the_weight_is_the_naive_count(seed=0):
    import random

    rng = random.Random(seed)

    def naive(v):
        if isinstance(v, str):
            return len(v)
        if type(v) in (list, tuple):
            return len(v) + sum(naive(x) for x in v)
        if type(v) is dict:
            return 2 * len(v) + sum(naive(x) for x in [*v, *v.values()])
        return 1

    def build(depth):
        r = rng.random()
        if depth > 4 or r < 0.3:
            return rng.choice([0, 1.5, "abc", "", None, True])
        if r < 0.55:
            return [build(depth + 1) for _ in range(rng.choice([0, 1, 3, 20, 40]))]
        if r < 0.7:
            return tuple(build(depth + 1) for _ in range(rng.randint(0, 4)))
        if r < 0.8:
            return {str(i): build(depth + 1) for i in range(rng.randint(0, 3))}
        shared = build(depth + 1)
        return [shared, shared, (shared,)]

    for _ in range(500):
        v = build(0)
        count = naive(v)  # once: the oracle walks every shared part each time it appears
        assert sizes._weight(v, 10**9) == count
        for budget in (5, 50):
            assert (sizes._weight(v, budget) > budget) == (count > budget)


def test_the_workers_run_at_a_lower_priority_than_the_server():
    # os.nice(0) reads the niceness: the worker's is the server's plus WORKER_NICE (the kernel's
    # ceiling is 19), so a paste that burns its CPU allowance waits for the class's reruns
    assert isolate.run(os.nice, (0,), "en") == min(os.nice(0) + isolate.WORKER_NICE, 19)
