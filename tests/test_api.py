"""The public API: small, sorted, every name resolves, and the debugger loads without Plotly."""

import doctest
import functools
import subprocess
import sys

from tests_paths import ROOT

import explainer


def test_the_public_names_are_sorted_and_each_resolves():
    assert explainer.__all__ == sorted(explainer.__all__)
    assert len(set(explainer.__all__)) == len(explainer.__all__)
    for name in explainer.__all__:
        assert getattr(explainer, name) is not None, name


def test_everything_else_is_imported_from_its_module():
    public = {name for name in dir(explainer) if not name.startswith("_")}
    modules = {name for name in public if type(getattr(explainer, name)) is type(sys)}
    assert public - modules == set(explainer.__all__) - {"diagnose_source", "Diagnosis"}


def test_the_notebook_example_in_the_docstring_runs():
    result = doctest.testmod(explainer)
    assert result.attempted >= 5 and result.failed == 0


# The statements run one after the other in one new interpreter (one torch import instead of
# four), sys.modules read after each. What is loaded after a statement there holds at least what it
# loads in an interpreter of its own, so "not loaded" is checked as strictly as before; in this order
# it is exactly that (each imports the package first, `diagnose_source` is loaded as
# explainer.debugger, the walk imports every module): compared when this was written, the same
# 1136, 1159, 1159 and 1289 names.
EVERY_MODULE = "import pkgutil, importlib, explainer\n" + (
    "for m in pkgutil.walk_packages(explainer.__path__, 'explainer.'):\n"
    "    if m.name != 'explainer.__main__':\n"
    "        importlib.import_module(m.name)"
)
STATEMENTS = (
    "import explainer",
    "from explainer import diagnose_source",
    "import explainer.debugger",
    EVERY_MODULE,
)


@functools.cache
def _modules_after() -> dict[str, set[str]]:
    code = "import sys\n" + "".join(
        f"{statement}\nprint(' '.join(sys.modules))\n" for statement in STATEMENTS
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True, timeout=120
    )
    lines = out.stdout.splitlines()
    assert len(lines) == len(STATEMENTS), out.stdout
    return {statement: set(line.split()) for statement, line in zip(STATEMENTS, lines, strict=True)}


def test_the_debugger_and_the_api_load_without_plotly_or_streamlit():
    for statement in STATEMENTS[:3]:
        loaded = _modules_after()[statement]
        assert "plotly" not in loaded, statement
        assert "streamlit" not in loaded, statement


def test_no_module_of_the_core_imports_streamlit():
    loaded = _modules_after()[EVERY_MODULE]
    assert "explainer.debugger.isolate" in loaded and "explainer.figures" in loaded
    assert "streamlit" not in loaded
