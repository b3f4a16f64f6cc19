"""What a run produced: the declared record (``Run``) that the explanations, the fixes and
``diagnose_source`` read, never the interpreter's own state; and what it is made of (the
calls, the modules built, where each tensor came from).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from torch import nn

if TYPE_CHECKING:
    from explainer.debugger.autograd import Graph


@dataclass
class CallInfo:
    """The operation that failed: what was called and with which arguments."""

    kind: str  # 'module', 'function', 'method', 'unpack', 'python', 'index' (args: the object, the index)
    target: Any = None  # the module or function name
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)
    node: ast.AST | None = None


@dataclass
class ModuleInfo:
    """How a module was built, so warnings can name it and an error can be re-run on the CPU."""

    cls: type
    args: tuple
    kwargs: dict
    line: int
    source: str  # the constructor call as written
    node: ast.Call | None = None  # that call, for a fix that rebuilds it in place


@dataclass
class Provenance:
    """Where a tensor or tuple came from: a module call's output or state, or an embedding."""

    kind: str  # 'output', 'states', 'result', 'derived', 'embedding', 'cell' (a cell's returned state)
    module: nn.Module
    line: int


@dataclass
class Run:
    """What one run of a snippet produced: all that the explanations, the fixes and the page read.

    The interpreter fills it as it goes (``Interpreter.result()`` hands it over); its fields are the
    run's own tables, shared, never copied.
    """

    source: str
    tree: ast.Module | None  # the parsed snippet: fixes edit the source at its positions
    globals: dict[str, Any]  # the snippet's module namespace when the run stopped
    line: int  # the line the run stopped at
    work: float  # estimated seconds of checking it took (limits.WORK_LIMIT_S bounds it)
    steps: list[tuple[int, str, tuple[int, ...]]]  # (line, name, shape) of each tensor bound
    findings: list[tuple[str, int, dict]]  # (code, line, params) of silent mistakes seen
    recurrent_calls: list[CallInfo]  # every call of nn.RNN/LSTM/GRU, in order (bounded)
    unresolved: list[str]  # names the snippet uses but never defines
    modules: dict[int, ModuleInfo]  # module id -> how the snippet built it
    provenance: dict[int, Provenance]  # value id -> where it came from
    autograd: Graph  # autograd's graph as followed
    stepped: dict[int, int]  # parameter id -> the line of the optimizer step that changed it
    scopes: dict[int, ast.AST] | None = None  # node id -> enclosing function (fixes fill it on first use)

    def origin(self, value: Any) -> Provenance | None:
        return self.provenance.get(id(value))

    def module_info(self, module: Any) -> ModuleInfo | None:
        return self.modules.get(id(module))

    def graph_of(self, value: Any) -> frozenset[int] | None:
        return self.autograd.of(value)
