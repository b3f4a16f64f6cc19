"""The public API: small, sorted, every name resolves, and the debugger loads without Plotly."""

import doctest
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


def _modules_after(statement: str) -> set[str]:
    code = f"import sys\n{statement}\nprint(' '.join(sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True, timeout=120
    )
    return set(out.stdout.split())


def test_the_debugger_and_the_api_load_without_plotly_or_streamlit():
    for statement in (
        "import explainer.debugger",
        "import explainer",
        "from explainer import diagnose_source",
    ):
        loaded = _modules_after(statement)
        assert "plotly" not in loaded, statement
        assert "streamlit" not in loaded, statement


def test_no_module_of_the_core_imports_streamlit():
    every = "import pkgutil, importlib, explainer\n" + (
        "for m in pkgutil.walk_packages(explainer.__path__, 'explainer.'):\n"
        "    if m.name != 'explainer.__main__':\n"
        "        importlib.import_module(m.name)"
    )
    loaded = _modules_after(every)
    assert "explainer.debugger.isolate" in loaded and "explainer.figures" in loaded
    assert "streamlit" not in loaded
