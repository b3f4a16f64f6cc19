"""The shape debugger in its worker processes: the same verdicts, bounded answers, and a worker
that runs out of CPU or memory answers "too large to check" and is replaced, never crashing the
caller. Outcomes only: no assertion here depends on the wall clock."""

import math
import os

import pytest

from explainer.debugger import Diagnosis, diagnose_source, isolate
from explainer.debugger.examples import EXAMPLES
from explainer.debugger.interp import SHORTENED
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


def test_the_workers_run_at_a_lower_priority_than_the_server():
    # os.nice(0) reads the niceness: the worker's is the server's plus WORKER_NICE (the kernel's
    # ceiling is 19), so a paste that burns its CPU allowance waits for the class's reruns
    assert isolate.run(os.nice, (0,), "en") == min(os.nice(0) + isolate.WORKER_NICE, 19)
