"""The shape debugger's interpreter: one run of a snippet, its state and its budget.

The source is parsed with ``ast`` and a whitelisted subset is evaluated, node by node, by the
handlers of the mixins below (one module per question). Tensors live on the ``meta`` device,
so torch applies its real shape rules and raises its real errors without allocating memory;
where a meta kernel words an error differently, the failing operation is repeated once on
small real tensors to get torch's own message. Anything outside the subset is refused with
the construct and its line, before it can do anything. ``result()`` gives what the run
produced (``record.Run``).
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Any

import torch
from torch import nn

from explainer.debugger.autograd import Autograd, Graph
from explainer.debugger.calls import Calls
from explainer.debugger.checks import Checks
from explainer.debugger.errors import Limit, Refused, _Return
from explainer.debugger.expressions import Expressions
from explainer.debugger.indexing import Indexing
from explainer.debugger.limits import (
    BUILD_S,
    CALL_S,
    ELEMENT_S,
    HASH_S,
    MAX_HASHED,
    MAX_STATEMENTS,
    MAX_WEIGHT,
    META_CALL_S,
    STATEMENT_S,
    WALK_S,
    WORK_LIMIT_S,
)
from explainer.debugger.meta import Meta
from explainer.debugger.record import Run
from explainer.debugger.sizes import _weigh
from explainer.debugger.statements import Statements
from explainer.debugger.values import _NeedsValue

if TYPE_CHECKING:
    from explainer.debugger import torchlib
    from explainer.debugger.errors import UserError
    from explainer.debugger.record import CallInfo, ModuleInfo, Provenance
    from explainer.debugger.values import UserObject


class Interpreter(Statements, Expressions, Indexing, Calls, Meta, Autograd, Checks):
    """Evaluate a parsed snippet; record every tensor binding and where each tensor came from."""

    def __init__(self, source: str):
        self.source = source
        self.globals: dict[str, Any] = {"__name__": "__main__"}
        self.statements = 0
        self.work = 0.0  # estimated seconds of checking so far (see WORK_LIMIT_S)
        self.real_elements = 0
        self.depth = 0
        self.loops = 0  # loop bodies running now: a tensor drawn there is drawn again each pass
        self.line = 0
        self.modules: dict[int, ModuleInfo] = {}
        self.provenance: dict[int, Provenance] = {}
        self.keep: list[Any] = []  # keeps ids in the maps above unique
        self.steps: list[tuple[int, str, tuple[int, ...]]] = []  # (line, name, shape) as bound
        self.findings: list[tuple[str, int, dict]] = []  # (code, line, params) of silent mistakes
        self.drawn: dict[int, str] = {}  # tensor id -> 'torch.randn' &c.: drawn anew on every call or pass
        self.current: CallInfo | None = None
        self.unresolved: list[str] = []
        self.weight = 0  # list/tuple/str elements built so far
        self.constructing: list[UserObject] = []  # objects whose __init__ is running
        self.tree: ast.Module | None = None
        self.call_cache: dict[tuple, Any] = {}  # module call key -> its first result (see call_key)
        self.autograd = Graph()  # autograd's graph as followed here
        self.handling: list[UserError] = []  # the errors whose except blocks run now (bare raise)
        # the run's own seeded generators for random / numpy.random (pylib, nplib): made on first use
        self.py_random: Any = None
        self.np_random: Any = None
        self.grads: dict[int, torch.Tensor] = {}  # parameters a backward() gave a .grad (by id)
        self.grad_values: dict[int, torch.Tensor] = {}  # their .grad as the snippet reads it (meta)
        self.stepped: dict[int, int] = {}  # parameter id -> the line of the optimizer step that changed it
        # h_n[-1] of a bidirectional layer, by tensor id: (that subscript, the layer): the reverse
        # direction of the last layer alone, wherever it is taken for "the last hidden state"
        self.reverse_only: dict[int, tuple[ast.Subscript, nn.Module]] = {}
        self.recurrent_calls: list[CallInfo] = []  # every call of nn.RNN/LSTM/GRU, in order (bounded)
        self.ranges: dict[int, torchlib.Range] = {}  # meta integer tensor id -> range of its values
        self.shuffled_integers = False  # a shuffled loader gave integers on meta (see ranged())

    def tick(self, node: ast.AST) -> None:
        self.statements += 1
        if self.statements > MAX_STATEMENTS:
            raise Limit("statements", node.lineno)
        self.charge(node, STATEMENT_S)

    def charge(self, node: ast.AST, cost: float = CALL_S) -> None:
        """Before an operation: count its estimated seconds, or refuse it past the budget.

        A recurrent layer's call (``cost`` above a module build's) may end past the budget by at most
        META_CALL_S, the most one such call is given, so the answer stays bounded.
        """
        slack = META_CALL_S if cost > BUILD_S else 0.0
        if self.work + cost > WORK_LIMIT_S + slack:
            raise Limit("time", getattr(node, "lineno", self.line))
        self.work += cost

    def mark(self, value: Any, prov: Provenance) -> None:
        self.keep.append(value)
        self.provenance[id(value)] = prov

    def origin(self, value: Any) -> Provenance | None:
        return self.provenance.get(id(value))

    def module_info(self, module: Any) -> ModuleInfo | None:
        return self.modules.get(id(module))

    def check_weight(self, value: Any, node: ast.AST, add: bool = False) -> None:
        """Refuse containers too big to copy or print (a list of a list repeated is cheap to write)."""
        w, visits = _weigh(value, MAX_WEIGHT)
        if w > MAX_WEIGHT or (add and self.weight + w > MAX_WEIGHT):
            raise Limit("data size", getattr(node, "lineno", self.line))
        self.charge(node, visits * WALK_S + w * ELEMENT_S)  # the walk, and the C walk it stands for
        if add:
            self.weight += w

    def check_hash(self, key: Any, node: ast.AST) -> None:
        """Before a dict hashes ``key``: refuse one whose hash would walk past MAX_HASHED elements
        (shared parts count each time they appear, as hash() visits them), and count the walk."""
        w, visits = _weigh(key, MAX_HASHED)
        if w > MAX_HASHED:
            raise Limit("data size", getattr(node, "lineno", self.line))
        self.charge(node, visits * WALK_S + w * HASH_S)

    def note_drawn(self, value: Any, label: str) -> None:
        """A random tensor drawn inside a function or a loop: drawn anew on every call (or pass)."""
        if isinstance(value, torch.Tensor) and (self.depth or self.loops):
            self.keep.append(value)
            self.drawn[id(value)] = label

    def finding(self, code: str, line: int, **params: Any) -> None:
        if not any(c == code and ln == line for c, ln, _ in self.findings):
            self.findings.append((code, line, params))

    def run(self, tree: ast.Module) -> None:
        self.tree = tree  # fixes edit the source at this tree's positions
        try:
            self.exec_block(tree.body, self.globals)
        except _Return as ret:  # the compiler refuses this first; never let it escape
            raise Refused("return outside a function", self.line) from ret
        except _NeedsValue as need:  # a value needed outside any guarded operation: named all the same
            raise self.needs(need, tree) from None

    def result(self) -> Run:
        """What the run produced so far: the declared record the explanations read."""
        return Run(
            source=self.source,
            tree=self.tree,
            globals=self.globals,
            line=self.line,
            work=self.work,
            steps=self.steps,
            findings=self.findings,
            recurrent_calls=self.recurrent_calls,
            unresolved=self.unresolved,
            modules=self.modules,
            provenance=self.provenance,
            autograd=self.autograd,
            stepped=self.stepped,
        )
