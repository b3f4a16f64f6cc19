"""The debugger's layout (issue 11, item 9): one module per question, the interpreter a table of
handlers, and the explanations reading the declared record of a run, never the interpreter."""

import ast
from pathlib import Path

from explainer.debugger.expressions import EXPRESSIONS
from explainer.debugger.interp import Interpreter
from explainer.debugger.record import Run
from explainer.debugger.statements import STATEMENTS

FOLDER = Path(__file__).resolve().parents[1] / "explainer" / "debugger"
MODULES = {p.stem: ast.parse(p.read_text(encoding="utf-8")) for p in sorted(FOLDER.glob("*.py"))}


def test_every_module_says_the_question_it_answers():
    assert [name for name, tree in MODULES.items() if not ast.get_docstring(tree)] == []


def test_every_node_kind_has_one_handler_of_the_interpreter():
    for table in (STATEMENTS, EXPRESSIONS):
        for kind, handler in table.items():
            assert isinstance(kind, type) and issubclass(kind, ast.AST)
            assert getattr(Interpreter, handler.__name__) is handler, kind.__name__


def test_the_explanations_read_the_record_of_the_run_not_the_interpreter():
    fields = set(Run.__dataclass_fields__) | {n for n in vars(Run) if not n.startswith("_")}
    for name in ("explain", "rules", "findings", "fixes"):
        tree = MODULES[name]
        imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        assert "explainer.debugger.interp" not in imported, name
        assert not any(isinstance(n, ast.Name) and n.id == "Interpreter" for n in ast.walk(tree)), name
        read = {
            n.attr
            for n in ast.walk(tree)
            if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id == "run"
        }
        assert read <= fields, (name, read - fields)


def test_no_module_imports_another_that_imports_it_back():
    """Import cycles among the debugger's modules, counting only what is imported on load."""
    graph = {}
    for name, tree in MODULES.items():
        deps = set()
        for n in tree.body:
            if isinstance(n, ast.ImportFrom) and n.module and n.module.startswith("explainer.debugger."):
                deps.add(n.module.rsplit(".", 1)[1])
            elif isinstance(n, ast.ImportFrom) and n.module == "explainer.debugger":
                deps.update(a.name for a in n.names)
        graph[name] = deps - {"__init__"}

    def reaches(start: str, goal: str, seen: set) -> bool:
        for d in graph.get(start, ()):
            if d == goal or (d not in seen and (seen.add(d) or reaches(d, goal, seen))):
                return True
        return False

    assert [m for m in graph if reaches(m, m, set())] == []
