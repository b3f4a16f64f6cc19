"""A fix is itself checked: the page says, before the learner applies it, whether the fixed code
runs or what torch raises next. Each verdict is compared with the fixed code run by real torch."""

import pytest
import torch

from explainer.debugger import diagnose_source
from explainer.debugger.examples import EXAMPLES

TWO_MISTAKES = """import torch
import torch.nn as nn
rnn = nn.GRU(10, 20, 2)
x = torch.randn(5, 3, 10)
h0 = torch.zeros(1, 3, 20)
out, hn = rnn(x, h0)
fc = nn.Linear(10, 1)
y = fc(out)
"""


def run_for_real(source: str) -> tuple[bool, str | None, str | None]:
    """(ran, exception type, message) of the source executed by real torch (the test's oracle)."""
    torch.manual_seed(0)
    try:
        exec(compile(source, "<fixed>", "exec"), {"__name__": "__main__"})  # noqa: S102 - the test's own oracle
    except Exception as exc:  # noqa: BLE001
        return False, type(exc).__name__, str(exc)
    return True, None, None


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_fix_that_leads_to_the_next_error_says_so(lang):
    d = diagnose_source(TWO_MISTAKES, lang)
    assert d.error_type == "RuntimeError" and d.line == 6 and d.fixed_source
    after = d.after_fix
    ran, kind, message = run_for_real(d.fixed_source)
    assert not ran and (after.ok, after.error_type, after.error) == (False, kind, message)
    lines = d.fixed_source.splitlines()
    assert lines[after.line - 1] == "y = fc(out)"  # the line in the fixed code, where torch raises
    assert after.after_fix is None  # one level: the next fix comes once this one is applied


@pytest.mark.parametrize("key", sorted(k for k, e in EXAMPLES.items() if e.mistake))
def test_every_examples_fix_is_checked_and_agrees_with_torch(key):
    d = diagnose_source(EXAMPLES[key].code)
    if d.fixed_source is None:
        assert d.after_fix is None
        return
    ran, kind, message = run_for_real(d.fixed_source)
    after = d.after_fix
    assert after is not None and not after.refused
    assert (after.ok, after.error_type, after.error) == (ran, kind, message)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_page_says_what_follows_the_fix(lang):
    from streamlit.testing.v1 import AppTest
    from tests_paths import APP

    from explainer.i18n import t

    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("views/4_Debugger.py").run()
    at.text_area(key="dbg_code").set_value(TWO_MISTAKES).run()
    assert not at.exception
    warnings = [w.value for w in at.warning]
    assert any(w.startswith(t("dbgp.after_error", lang, line=9, kind="RuntimeError")[:12]) for w in warnings)
    assert any("mat1 and mat2 shapes cannot be multiplied" in c.value for c in at.code)


MISSING_IMPORTS = {
    "torch": "x = torch.randn(5, 3, 10)\n",
    "nn": "import torch\nrnn = nn.LSTM(10, 20)\nout, _ = rnn(torch.randn(5, 3, 10))\n",
    "F": "import torch\nimport torch.nn as nn\ny = F.relu(torch.randn(3, 4))\n",
    "pack_padded_sequence": "import torch\np = pack_padded_sequence(torch.randn(4, 2, 3), [4, 2])\n",
}


@pytest.mark.parametrize("name", sorted(MISSING_IMPORTS))
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_missing_import_is_fixed_by_the_import_not_a_value(name, lang):
    source = MISSING_IMPORTS[name]
    d = diagnose_source(source, lang)
    ran, kind, message = run_for_real(source)
    expected = (False, "NameError", f"name '{name}' is not defined")
    assert (d.ok, d.error_type, d.error) == (ran, kind, message) == expected
    assert d.fix.startswith("import ") or d.fix.startswith("from torch")
    assert name not in d.unresolved  # the form does not ask for a value of torch
    assert run_for_real(d.fixed_source)[0] and d.after_fix.ok  # the import is all it needed
