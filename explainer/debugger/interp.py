"""A small interpreter for the PyTorch RNN code learners paste. It never executes that code.

The source is parsed with ``ast`` and a whitelisted subset is evaluated here, node by node.
Tensors live on the ``meta`` device, so torch applies its real shape rules and raises its real
errors without allocating memory; where a meta kernel words an error differently, the failing
operation is repeated once on small real CPU tensors to get torch's own message. Anything
outside the subset is refused with the construct and its line, before it can do anything.
"""

from __future__ import annotations

import ast
import builtins
import math
import operator
import re
import time
import warnings
from dataclasses import dataclass, field
from typing import Any

import torch
from torch import nn
from torch.nn.utils import rnn as rnn_utils

from explainer import budget

MAX_SOURCE = 20_000  # characters
MAX_STATEMENTS = 5_000  # executed, loops and calls included
MAX_ITERATIONS = 1_000  # per loop
MAX_CALL_DEPTH = 30
MAX_REAL_ELEMENTS = 2_000_000  # real (non-meta) numbers: torch.tensor data and error re-runs
MAX_TWIN_PARAMETERS = 2_000_000  # a module rebuilt on the CPU to reproduce an error message
TIME_LIMIT_S = 1.0
META_CALL_S = 0.25  # one recurrent layer's call on meta; a long sequence is checked over a prefix
MAX_WEIGHT = 1_000_000  # list/tuple/str elements built by the snippet, shared ones counted each time
MAX_TEXT = 1_000_000  # characters of a string built by str(), an f-string or % formatting
MAX_PIECES = 10_000  # tensors joined by one torch.cat / torch.stack, or summed by one sum()
MAX_REAL_RESULT = 100_000  # elements of a tensor computed for real (integer data such as lengths)
MAX_STEPS = 2_000  # tensor bindings recorded for the line-by-line table
MAX_LAYERS = 64


def _step_seconds(module: nn.Module) -> float:
    """Predicted meta-device seconds of one time step of a recurrent layer (every layer, direction)."""
    mode = module.mode.split("_")[0]  # RNN_TANH, RNN_RELU, LSTM, GRU
    per_step = budget.META_PER_STEP.get(mode, max(budget.META_PER_STEP.values()))
    return module.num_layers * (1 + module.bidirectional) * per_step


def _over_a_prefix(module: nn.Module, args: tuple) -> tuple[tuple, Any, int] | None:
    """A recurrent layer's call on a long sequence, cut to the sequence's first steps.

    On ``meta`` torch still applies its Python shape rules to every operation of every step
    (``budget.META_PER_STEP``): 500 steps of a 3-layer bidirectional LSTM take 25 s. Every check
    torch makes (the input's features, the states' shapes, dtypes) happens before the first step,
    and the output has one row per step, so a prefix gives the same verdict and the same shapes
    once the time axis is set back to its length.

    Returns ``(args, restore, steps)``: the arguments over the prefix, a function that turns the
    prefix's result into the whole call's, and the steps the prefix runs. None when the sequence
    already fits (the call runs whole). A PackedSequence is cut consistently: its first ``steps``
    batch sizes and the rows of ``data`` they cover. Its largest batch (batch_sizes[0]), which
    torch checks h_0 against, is kept; the output's ``data`` gets its full row count back and its
    ``batch_sizes`` the whole sequence's, exactly as torch returns them.
    """
    if not isinstance(module, tuple(RNN_CLASSES.values())) or not args:
        return None
    x = args[0]
    mode = module.mode.split("_")[0]
    directions = 1 + module.bidirectional
    if isinstance(x, rnn_utils.PackedSequence):
        sizes, data = x.batch_sizes, x.data
        if not (
            isinstance(sizes, torch.Tensor)
            and sizes.dim() == 1
            and sizes.device.type == "cpu"
            and isinstance(data, torch.Tensor)
            and data.dim() >= 1
        ):
            return None
        length = sizes.numel()
        steps = budget.meta_seq_len(mode, module.num_layers, directions, length, META_CALL_S)
        if steps >= length:
            return None
        rows = min(int(sizes[:steps].sum()), data.shape[0])
        short = x._replace(data=data.narrow(0, 0, rows), batch_sizes=sizes[:steps].clone())

        def restore_packed(result: Any) -> Any:
            output, states = result
            if not isinstance(output, rnn_utils.PackedSequence):
                return result
            full = torch.empty(
                (data.shape[0], *output.data.shape[1:]), dtype=output.data.dtype, device="meta"
            )  # (sum(batch_sizes), D*H_out)
            return output._replace(data=full, batch_sizes=sizes), states

        return (short, *args[1:]), restore_packed, steps
    if not isinstance(x, torch.Tensor) or x.dim() not in (2, 3):
        return None
    axis = 1 if (x.dim() == 3 and module.batch_first) else 0
    length = x.shape[axis]
    steps = budget.meta_seq_len(mode, module.num_layers, directions, length, META_CALL_S)
    if steps >= length:
        return None

    def restore(result: Any) -> Any:
        output, states = result
        shape = list(output.shape)
        shape[axis] = length  # (L, N, D*H_out) or (N, L, D*H_out) or (L, D*H_out)
        return torch.empty(shape, dtype=output.dtype, device="meta"), states

    return (x.narrow(axis, 0, steps), *args[1:]), restore, steps


def _call_steps(module: nn.Module, args: tuple) -> int:
    """Time steps a recurrent layer's call runs (its sequence length), 1 when unknown."""
    x = args[0] if args else None
    if isinstance(x, rnn_utils.PackedSequence) and isinstance(x.batch_sizes, torch.Tensor):
        return max(1, x.batch_sizes.numel())
    if isinstance(x, torch.Tensor) and x.dim() in (2, 3):
        return max(1, x.shape[1 if (x.dim() == 3 and module.batch_first) else 0])
    return 1


class Refused(Exception):
    """A construct outside the subset: named, with its line; nothing was run for it."""

    def __init__(self, construct: str, line: int):
        super().__init__(construct)
        self.construct = construct
        self.line = line


class Limit(Exception):
    """A bound was reached (statements, iterations, time, data size)."""

    def __init__(self, what: str, line: int):
        super().__init__(what)
        self.what = what
        self.line = line


class UserError(Exception):
    """The snippet itself raised: the exception torch (or Python) would raise, and where."""

    def __init__(self, exc: BaseException, line: int, call: CallInfo | None, reason: str | None = None):
        super().__init__(str(exc))
        self.exc = exc
        self.line = line
        self.call = call
        self.reason = reason  # what the checker found behind torch's words ('state_dtype'), if known
        self.stmt_line: int | None = None  # first line of the innermost statement (fixes go before it)


@dataclass
class CallInfo:
    """The operation that failed: what was called and with which arguments."""

    kind: str  # 'module', 'function', 'method', 'unpack', 'python'
    target: Any = None  # the module or function name
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)
    node: ast.AST | None = None


class _Return(Exception):
    def __init__(self, value: Any):
        self.value = value


@dataclass
class UserClass:
    name: str
    methods: dict[str, ast.FunctionDef]
    line: int


@dataclass
class UserObject:
    cls: UserClass
    attrs: dict[str, Any] = field(default_factory=dict)
    initialized: bool = False  # super().__init__() ran


@dataclass
class UserFunction:
    node: ast.FunctionDef
    self_obj: UserObject | None = None


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

    kind: str  # 'output', 'states', 'embedding', 'h_n'
    module: nn.Module
    line: int


class Namespace:
    """A whitelisted module-like namespace (torch, torch.nn, torch.nn.utils.rnn, ...)."""

    def __init__(self, name: str, members: dict[str, Any]):
        self.name = name
        self.members = members


STATEMENT_NAMES = {
    ast.While: "a while loop",
    ast.Try: "try/except",
    ast.Delete: "del",
    ast.Global: "global",
    ast.Nonlocal: "nonlocal",
    ast.Raise: "raise",
    ast.Assert: "assert",
    ast.AsyncFunctionDef: "async def",
    ast.Break: "break",
    ast.Continue: "continue",
}
RNN_CLASSES = {"RNN": nn.RNN, "LSTM": nn.LSTM, "GRU": nn.GRU}
CELL_CLASSES = {"RNNCell": nn.RNNCell, "LSTMCell": nn.LSTMCell, "GRUCell": nn.GRUCell}
MODULE_CLASSES = {
    **RNN_CLASSES,
    **CELL_CLASSES,
    "Embedding": nn.Embedding,
    "Linear": nn.Linear,
    "Dropout": nn.Dropout,
}
TENSOR_METHODS = {
    "view",
    "reshape",
    "permute",
    "transpose",
    "unsqueeze",
    "squeeze",
    "contiguous",
    "flatten",
    "float",
    "long",
    "double",
    "to",
    "size",
    "dim",
    "numel",
    "cpu",
    "cuda",
    "detach",
    "clone",
    "int",
    "half",
    "expand",
    "repeat",
}
TENSOR_ATTRS = {"shape", "dtype", "ndim", "device", "T"}
MODULE_METHODS = {"to", "eval", "train", "cpu", "cuda", "float", "double", "flatten_parameters", "zero_grad"}
MODULE_ATTRS = {
    "input_size",
    "hidden_size",
    "num_layers",
    "batch_first",
    "bidirectional",
    "proj_size",
    "bias",
    "dropout",
    "nonlinearity",
    "in_features",
    "out_features",
    "num_embeddings",
    "embedding_dim",
    "p",
    "training",
}
FACTORIES = ("randn", "rand", "zeros", "ones", "empty", "randint")
DTYPES = {
    name: getattr(torch, name)
    for name in ("float32", "float64", "float16", "float", "double", "long", "int64", "int32", "int", "bool")
}
BIN_OPS = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
    ast.Pow: operator.pow,
    ast.MatMult: operator.matmul,
}
AUG_OPS = {
    ast.Add: operator.iadd,
    ast.Sub: operator.isub,
    ast.Mult: operator.imul,
    ast.Div: operator.itruediv,
    ast.FloorDiv: operator.ifloordiv,
    ast.Mod: operator.imod,
    ast.MatMult: operator.imatmul,
}
CMP_OPS = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.Is: operator.is_,
    ast.IsNot: operator.is_not,
    ast.In: lambda a, b: a in b,
    ast.NotIn: lambda a, b: a not in b,
}


def _map_tensors(value: Any, fn) -> Any:
    """Apply ``fn`` to every tensor inside tuples, lists and PackedSequences (kept as namedtuples)."""
    if isinstance(value, rnn_utils.PackedSequence):  # keep its type and its CPU batch_sizes
        return value._replace(data=_map_tensors(value.data, fn))
    if isinstance(value, torch.Tensor):
        return fn(value)
    if type(value) in (tuple, list):  # not torch.Size and other tuple subclasses: no tensors there
        return type(value)(_map_tensors(v, fn) for v in value)
    return value


def _to_meta(value: Any) -> Any:
    return _map_tensors(value, lambda t: t if t.device.type == "meta" else t.to("meta"))


def _floats_to_meta(value: Any) -> Any:
    """Floating-point results go back to meta; integer ones (lengths, batch_sizes) stay real data."""
    return _map_tensors(value, lambda t: t.to("meta") if t.is_floating_point() else t)


def _to_real(value: Any) -> Any:
    """Meta tensors -> real CPU zeros of the same shape and dtype (zeros are valid indices too)."""

    def real(t: torch.Tensor) -> torch.Tensor:  # keeps strides: a view of a permuted tensor fails as for real
        return (
            torch.empty_strided(t.shape, t.stride(), dtype=t.dtype).zero_() if t.device.type == "meta" else t
        )

    return _map_tensors(value, real)


def _standin(t: torch.Tensor) -> torch.Tensor:
    """One real zero expanded to ``t``'s shape: stride 0, a single number held, whatever the size."""
    return torch.zeros((), dtype=t.dtype).expand(t.shape) if t.device.type == "meta" else t


def _to_standin(value: Any) -> Any:
    return _map_tensors(value, _standin)


def _has_real(value: Any) -> bool:
    found = []
    _map_tensors(value, lambda t: found.append(t.device.type != "meta") or t)
    return any(found)


def _weight(value: Any, budget: int) -> int:
    """Elements reachable through lists, tuples and strings (shared ones each time), up to budget + 1."""
    stack, total = [value], 0
    while stack:
        v = stack.pop()
        if isinstance(v, str):
            total += len(v)
        elif type(v) in (list, tuple) or isinstance(v, (_Enumerate, _Zip)):
            total += len(v)
            if total > budget:
                return total
            stack.extend(v)
        else:
            total += 1
        if total > budget:
            return total
    return total


class _TooBig(Exception):
    """Raised inside a builtin; becomes a Limit at the call's line."""


def _seq(x: Any) -> list:
    """What iterating x yields, bounded: a tensor gives its slices along dim 0."""
    if isinstance(x, torch.Tensor):
        if x.dim() == 0:
            raise TypeError("iteration over a 0-d tensor")
        if x.shape[0] > MAX_ITERATIONS:
            raise _TooBig
        return [x[i] for i in range(x.shape[0])]
    if isinstance(x, (str, list, tuple, range, torch.Size, _Enumerate, _Zip)):
        if len(x) > 100_000:
            raise _TooBig
        return list(x)
    raise TypeError(f"'{type(x).__name__}' object is not iterable")


def _text_size(value: Any, limit: int = MAX_TEXT) -> int:
    """An upper bound on len(str(value)) and len(repr(value)), found without building either.

    Stops counting once past ``limit``. Containers count each element every time it appears (as
    str repeats it); a tensor counts what torch prints at most (it summarizes past 1,000 numbers).
    """
    stack, total = [value], 0
    while stack and total <= limit:
        v = stack.pop()
        if isinstance(v, str):
            total += 4 * len(v) + 2  # repr may escape every character
        elif isinstance(v, bool) or v is None:
            total += 5
        elif isinstance(v, int):
            total += v.bit_length() * 31 // 100 + 3  # decimal digits and a sign
        elif isinstance(v, float):
            total += 25
        elif type(v) in (list, tuple) or isinstance(v, (_Enumerate, _Zip, torch.Size)):
            total += 14 + 2 * len(v)
            stack.extend(v)
        elif isinstance(v, rnn_utils.PackedSequence):
            total += 80
            stack.extend(v)
        elif isinstance(v, torch.Tensor):
            shown = 0 if v.device.type == "meta" else min(v.numel(), 1_000)
            total += 200 + 24 * shown + 10 * v.dim()
        elif isinstance(v, UserObject):
            total += 300
            stack.extend(v.attrs.values())
        elif isinstance(v, (UserFunction, _Bound)):
            total += 300
            stack.append(v.self_obj if isinstance(v, UserFunction) else v.obj)
        else:
            total += 1_000  # a module, a dtype, a namespace: a short fixed text
    return total


# printf-style conversion specifiers: %[(key)][flags][width][.precision][length]type
_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d*))?[hlL]?(.)", re.DOTALL)


def _percent_size(template: str, values: Any) -> int:
    """An upper bound on len(template % values), found without formatting it: '%0100000000d' % 1
    would build 100 MB before any size check after it."""
    total = len(template) + _text_size(values)
    stars = [abs(v) for v in (values if isinstance(values, tuple) else (values,)) if isinstance(v, int)]
    for m in _PERCENT_SPEC.finditer(template):
        for part in m.group(1, 2):
            if part == "*":
                total += sum(stars)
            elif part:
                total += int(part) if len(part) <= 9 else 10**9
    return total


def _count_elements(value: Any) -> int:
    if isinstance(value, torch.Tensor):
        return value.numel()
    if isinstance(value, (tuple, list)):
        return sum(_count_elements(v) for v in value)
    return 0


class Interpreter:
    """Evaluate a parsed snippet; record every tensor binding and where each tensor came from."""

    def __init__(self, source: str):
        self.source = source
        self.globals: dict[str, Any] = {"__name__": "__main__"}
        self.statements = 0
        self.deadline = time.monotonic() + TIME_LIMIT_S
        self.real_elements = 0
        self.depth = 0
        self.line = 0
        self.modules: dict[int, ModuleInfo] = {}
        self.provenance: dict[int, Provenance] = {}
        self.keep: list[Any] = []  # keeps ids in the maps above unique
        self.steps: list[tuple[int, str, tuple[int, ...]]] = []  # (line, name, shape) as bound
        self.findings: list[tuple[str, int, dict]] = []  # (code, line, params) of silent mistakes
        self.current: CallInfo | None = None
        self.unresolved: list[str] = []
        self.weight = 0  # list/tuple/str elements built so far
        self.constructing: list[UserObject] = []  # objects whose __init__ is running
        self.tree: ast.Module | None = None
        self.scopes: dict[int, ast.AST] | None = None  # node id -> enclosing function, for fixes

    # --- bookkeeping -------------------------------------------------------------------------

    def tick(self, node: ast.AST) -> None:
        self.statements += 1
        if self.statements > MAX_STATEMENTS:
            raise Limit("statements", node.lineno)
        if time.monotonic() > self.deadline:
            raise Limit("time", node.lineno)

    def check_time(self, node: ast.AST, cost: float = 0.0) -> None:
        """Before an operation: refuse it when it would end past the deadline.

        ``cost`` is the operation's predicted seconds (a recurrent layer's call on meta); such a
        call may run over the deadline by at most one call's budget, so the answer stays bounded.
        """
        slack = META_CALL_S if cost else 0.0
        if time.monotonic() + cost > self.deadline + slack:
            raise Limit("time", getattr(node, "lineno", self.line))

    def mark(self, value: Any, prov: Provenance) -> None:
        self.keep.append(value)
        self.provenance[id(value)] = prov

    def origin(self, value: Any) -> Provenance | None:
        return self.provenance.get(id(value))

    def module_info(self, module: Any) -> ModuleInfo | None:
        return self.modules.get(id(module))

    def check_weight(self, value: Any, node: ast.AST, add: bool = False) -> None:
        """Refuse containers too big to copy or print (a list of a list repeated is cheap to write)."""
        w = _weight(value, MAX_WEIGHT)
        if w > MAX_WEIGHT or (add and self.weight + w > MAX_WEIGHT):
            raise Limit("data size", getattr(node, "lineno", self.line))
        if add:
            self.weight += w

    def finding(self, code: str, line: int, **params: Any) -> None:
        if not any(c == code and ln == line for c, ln, _ in self.findings):
            self.findings.append((code, line, params))

    # --- statements ----------------------------------------------------------------------------

    def run(self, tree: ast.Module) -> None:
        self.tree = tree  # fixes edit the source at this tree's positions
        try:
            self.exec_block(tree.body, self.globals)
        except _Return as ret:  # the compiler refuses this first; never let it escape
            raise Refused("return outside a function", self.line) from ret

    def exec_block(self, body: list[ast.stmt], env: dict) -> None:
        for stmt in body:
            self.exec_stmt(stmt, env)

    def exec_stmt(self, node: ast.stmt, env: dict) -> None:
        self.tick(node)
        outer = self.line
        self.line = node.lineno
        try:
            self._exec(node, env)
        except UserError as err:
            if err.stmt_line is None:
                err.stmt_line = node.lineno
            raise
        finally:
            self.line = outer if self.depth else node.lineno

    def _exec(self, node: ast.stmt, env: dict) -> None:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            self.do_import(node, env)
        elif isinstance(node, ast.Assign):
            value = self.evaluate(node.value, env)
            for target in node.targets:
                self.assign(target, value, env, node)
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            self.assign(node.target, self.evaluate(node.value, env), env, node)
        elif isinstance(node, ast.AugAssign):
            op = AUG_OPS.get(type(node.op))
            if op is None or not isinstance(node.target, ast.Name):
                raise Refused("augmented assignment", node.lineno)
            current = self.load_name(node.target.id, env, node)
            self.assign(node.target, self.binop(op, current, self.evaluate(node.value, env), node), env, node)
        elif isinstance(node, ast.Expr):
            self.evaluate(node.value, env)
        elif isinstance(node, ast.For):
            self.do_for(node, env)
        elif isinstance(node, ast.If):
            taken = self.truth(self.evaluate(node.test, env), node)
            self.exec_block(node.body if taken else node.orelse, env)
        elif isinstance(node, ast.With):
            self.do_with(node, env)
        elif isinstance(node, ast.ClassDef):
            self.do_class(node, env)
        elif isinstance(node, ast.FunctionDef):
            self.check_function(node)
            env[node.name] = UserFunction(node)
        elif isinstance(node, ast.Return):
            raise _Return(self.evaluate(node.value, env) if node.value is not None else None)
        elif isinstance(node, ast.Pass):
            pass
        else:
            raise Refused(STATEMENT_NAMES.get(type(node), type(node).__name__), node.lineno)

    def do_import(self, node: ast.stmt, env: dict) -> None:
        if isinstance(node, ast.Import):
            for alias in node.names:
                ns = NAMESPACES.get(alias.name)
                if ns is None:
                    raise Refused(f"import {alias.name}", node.lineno)
                if alias.asname:
                    env[alias.asname] = ns
                else:  # 'import torch.nn' binds 'torch'
                    env[alias.name.split(".")[0]] = NAMESPACES[alias.name.split(".")[0]]
            return
        ns = NAMESPACES.get(node.module or "")
        if ns is None or node.level:
            raise Refused(f"from {node.module} import", node.lineno)
        for alias in node.names:
            if alias.name == "*" or alias.name not in ns.members:
                raise Refused(f"from {node.module} import {alias.name}", node.lineno)
            env[alias.asname or alias.name] = ns.members[alias.name]

    def do_for(self, node: ast.For, env: dict) -> None:
        iterable = self.evaluate(node.iter, env)
        if isinstance(iterable, torch.Tensor):
            if iterable.dim() == 0:
                self.fail(TypeError("iteration over a 0-d tensor"), node)
            iterable = [iterable[i] for i in range(min(iterable.shape[0], MAX_ITERATIONS + 1))]
        if not isinstance(iterable, (range, list, tuple, _Enumerate, _Zip)):
            raise Refused(f"for over {type(iterable).__name__}", node.lineno)
        count = 0
        for item in iterable:
            count += 1
            if count > MAX_ITERATIONS:
                raise Limit("iterations", node.lineno)
            self.tick(node)
            self.assign(node.target, item, env, node)
            self.exec_block(node.body, env)
        if node.orelse:
            self.exec_block(node.orelse, env)

    def do_with(self, node: ast.With, env: dict) -> None:
        for item in node.items:
            ctx = self.evaluate(item.context_expr, env)
            if not isinstance(ctx, _NoGrad) or item.optional_vars is not None:
                raise Refused("with (other than torch.no_grad())", node.lineno)
        self.exec_block(node.body, env)

    def do_class(self, node: ast.ClassDef, env: dict) -> None:
        bases = [self.evaluate(b, env) for b in node.bases]
        if len(bases) != 1 or bases[0] is not nn.Module or node.keywords or node.decorator_list:
            raise Refused("class that is not a plain nn.Module subclass", node.lineno)
        methods = {}
        for item in node.body:
            if isinstance(item, ast.FunctionDef):
                self.check_function(item)
                methods[item.name] = item
            elif not isinstance(item, (ast.Pass, ast.Expr)) or (
                isinstance(item, ast.Expr) and not isinstance(item.value, ast.Constant)
            ):
                raise Refused("class body other than methods", item.lineno)
        env[node.name] = UserClass(node.name, methods, node.lineno)

    def check_function(self, node: ast.FunctionDef) -> None:
        if node.decorator_list or node.args.vararg or node.args.kwarg or node.args.kwonlyargs:
            raise Refused("function with decorators, *args or **kwargs", node.lineno)
        if node.name.startswith("__") and node.name != "__init__":
            raise Refused(f"method {node.name}", node.lineno)

    # --- assignment and unpacking ------------------------------------------------------------

    def assign(self, target: ast.expr, value: Any, env: dict, stmt: ast.stmt) -> None:
        if isinstance(target, ast.Name):
            self.check_name(target.id, target)
            env[target.id] = value
            if isinstance(value, torch.Tensor) and len(self.steps) < MAX_STEPS:
                self.steps.append((stmt.lineno, target.id, tuple(value.shape)))
        elif isinstance(target, (ast.Tuple, ast.List)):
            prov = self.origin(value)
            self.check_state_unpack(target, value, prov, stmt)
            items = self.unpack(value, len(target.elts), stmt)
            for sub, item in zip(target.elts, items, strict=True):
                self.assign(sub, item, env, stmt)
        elif isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name):
            obj = self.load_name(target.value.id, env, target)
            if not isinstance(obj, UserObject):
                raise Refused("setting an attribute outside self", target.lineno)
            self.check_name(target.attr, target)
            if isinstance(value, (nn.Module, UserObject)) and not obj.initialized:
                self.fail(AttributeError("cannot assign module before Module.__init__() call"), target)
            obj.attrs[target.attr] = value
            if isinstance(value, torch.Tensor) and len(self.steps) < MAX_STEPS:
                self.steps.append((stmt.lineno, f"{target.value.id}.{target.attr}", tuple(value.shape)))
        else:
            raise Refused(f"assignment to {type(target).__name__}", target.lineno)

    def unpack(self, value: Any, n: int, node: ast.AST) -> list:
        if isinstance(value, torch.Tensor):
            if value.dim() == 0:
                self.fail(TypeError("iteration over a 0-d tensor"), node)
            items = [value[i] for i in range(min(value.shape[0], n + 1))]
            count = value.shape[0]
        elif isinstance(value, (tuple, list, torch.Size)):
            items, count = list(value), len(value)
        elif isinstance(value, rnn_utils.PackedSequence):
            items, count = list(value), len(value)
        else:
            self.fail(TypeError(f"cannot unpack non-iterable {type(value).__name__} object"), node)
        if count > n:
            self.fail(ValueError(f"too many values to unpack (expected {n})"), node)
        if count < n:
            self.fail(ValueError(f"not enough values to unpack (expected {n}, got {count})"), node)
        return items[:n]

    def check_state_unpack(self, target, value, prov, stmt) -> None:
        """`out, (h, c) = gru(x)`: a GRU or RNN returns one state tensor, not a pair."""
        if prov is None or prov.kind != "result" or len(target.elts) != 2:
            return
        if isinstance(target.elts[1], (ast.Tuple, ast.List)) and not isinstance(prov.module, nn.LSTM):
            self.finding("gru_state_unpacked", stmt.lineno, mode=type(prov.module).__name__)

    def check_name(self, name: str, node: ast.AST) -> None:
        if name.startswith("__"):
            raise Refused(f"dunder name {name}", node.lineno)

    # --- expressions ---------------------------------------------------------------------------

    def evaluate(self, node: ast.expr, env: dict) -> Any:
        if isinstance(node, ast.Constant):
            if isinstance(node.value, (int, float, bool, str, type(None))) or node.value is Ellipsis:
                return node.value
            raise Refused(f"constant of type {type(node.value).__name__}", node.lineno)
        if isinstance(node, ast.Name):
            return self.load_name(node.id, env, node)
        if isinstance(node, ast.Tuple):
            return tuple(self.evaluate(e, env) for e in self.no_starred(node.elts))
        if isinstance(node, ast.List):
            return [self.evaluate(e, env) for e in self.no_starred(node.elts)]
        if isinstance(node, ast.BinOp):
            op = BIN_OPS.get(type(node.op))
            if op is None:
                raise Refused(type(node.op).__name__, node.lineno)
            return self.binop(op, self.evaluate(node.left, env), self.evaluate(node.right, env), node)
        if isinstance(node, ast.UnaryOp):
            operand = self.evaluate(node.operand, env)
            if isinstance(node.op, ast.USub):
                return self.guard(lambda: -operand, node)
            if isinstance(node.op, ast.UAdd):
                return operand
            if isinstance(node.op, ast.Not):
                return not self.truth(operand, node)
            raise Refused(type(node.op).__name__, node.lineno)
        if isinstance(node, ast.BoolOp):
            result = None
            for value_node in node.values:  # short-circuit, as Python does
                result = self.evaluate(value_node, env)
                truth = self.truth(result, node)
                if truth == isinstance(node.op, ast.Or):
                    return result
            return result
        if isinstance(node, ast.Compare):
            left = self.evaluate(node.left, env)
            result = True
            for op, right_node in zip(node.ops, node.comparators, strict=True):
                right = self.evaluate(right_node, env)
                result = self.guard(
                    lambda left=left, right=right, op=op: CMP_OPS[type(op)](left, right), node
                )
                if len(node.ops) == 1:
                    return result  # may be a tensor, as in `mask = x != 0`
                if not self.truth(result, node):
                    return False
                left = right
            return result
        if isinstance(node, ast.IfExp):
            taken = self.truth(self.evaluate(node.test, env), node)
            return self.evaluate(node.body if taken else node.orelse, env)
        if isinstance(node, ast.Attribute):
            return self.attribute(self.evaluate(node.value, env), node.attr, node)
        if isinstance(node, ast.Subscript):
            return self.subscript(node, env)
        if isinstance(node, ast.Slice):
            parts = [
                self.evaluate(p, env) if p is not None else None for p in (node.lower, node.upper, node.step)
            ]
            return slice(*parts)
        if isinstance(node, ast.Call):
            return self.call(node, env)
        if isinstance(node, ast.JoinedStr):
            parts, size = [], 0
            for v in node.values:
                part = self.evaluate(v.value, env) if isinstance(v, ast.FormattedValue) else v.value
                size += _text_size(part, MAX_TEXT)
                if size > MAX_TEXT:  # sized before str() builds it
                    raise Limit("text size", node.lineno)
                parts.append(part)
            return "".join(str(p) for p in parts)
        raise Refused(type(node).__name__, node.lineno)

    def no_starred(self, elts: list[ast.expr]) -> list[ast.expr]:
        for e in elts:
            if isinstance(e, ast.Starred):
                raise Refused("starred expression", e.lineno)
        return elts

    def load_name(self, name: str, env: dict, node: ast.AST) -> Any:
        if name in env:
            return env[name]
        if name in self.globals:
            return self.globals[name]
        if name in BUILTINS:
            return BUILTINS[name]
        if name.startswith("__") or name in FORBIDDEN_NAMES or hasattr(builtins, name):
            raise Refused(f"name {name}", node.lineno)
        self.unresolved.append(name)
        self.fail(NameError(f"name '{name}' is not defined"), node)

    def truth(self, value: Any, node: ast.AST) -> bool:
        if isinstance(value, torch.Tensor) and value.device.type == "meta" and value.numel() == 1:
            # the branch depends on a number the meta device does not have
            raise Refused("a branch on a tensor's value", getattr(node, "lineno", self.line))
        if isinstance(value, torch.Tensor) and value.device.type == "meta":
            value = _to_real(value)  # more than one value: torch's own 'ambiguous' error
        return self.guard(lambda: bool(value), node)

    def binop(self, op, left: Any, right: Any, node: ast.AST) -> Any:
        # refuse what would be huge before computing it: 10**10**10 or 'a' * 10**9 never finish
        numbers = all(isinstance(v, (int, float)) for v in (left, right))
        if op is operator.pow and numbers and isinstance(right, int) and abs(right) > 64 and abs(left) > 1:
            raise Limit("number size", node.lineno)
        if op in (operator.mul, operator.imul):
            seq, count = (left, right) if isinstance(left, (str, list, tuple)) else (right, left)
            if isinstance(seq, (str, list, tuple)) and isinstance(count, int) and len(seq) * count > 100_000:
                raise Limit("sequence length", node.lineno)
        sequences = (str, list, tuple)
        if (
            op in (operator.add, operator.iadd)
            and isinstance(left, sequences)
            and isinstance(right, sequences)
        ):
            if len(left) + len(right) > MAX_WEIGHT:
                raise Limit("sequence length", node.lineno)
        if op in (operator.mod, operator.imod) and isinstance(left, str):
            if _percent_size(left, right) > MAX_TEXT:  # '%0100000000d' % 1: sized before formatting
                raise Limit("text size", node.lineno)
        if (
            isinstance(left, torch.Tensor)
            and isinstance(right, torch.Tensor)
            and ((left.device.type == "meta") != (right.device.type == "meta"))
        ):
            left, right = _to_meta(left), _to_meta(right)  # all of a snippet's tensors share one device
        elif _has_real([left, right]):
            self.preflight(lambda a, b: op(a, b), [left, right], {}, node)
        if isinstance(left, torch.Tensor) or isinstance(right, torch.Tensor):
            info = CallInfo("python", getattr(op, "__name__", "op"), (left, right), {}, node)
            try:
                result = op(left, right)
            except Exception as exc:  # noqa: BLE001 - torch's CPU wording, as for any meta failure
                result = self.rerun_real(lambda: op, [left, right], {}, exc, node, info, standin=op)
        else:
            result = self.guard(lambda: op(left, right), node)
        if isinstance(result, (int, float)) and not isinstance(result, bool) and abs(result) > 1e15:
            raise Limit("number size", node.lineno)
        if isinstance(result, (str, list, tuple)):
            self.check_weight(result, node, add=True)
        return result

    def preflight(self, fn, args: list, kwargs: dict, node: ast.AST) -> None:
        """Before computing on real tensors, size the result on meta: refuse a huge one."""
        try:
            probe = fn(*_to_meta(tuple(args)), **{k: _to_meta(v) for k, v in kwargs.items()})
        except Exception:  # noqa: BLE001 - the real call will raise torch's own error
            return
        if _count_elements(probe) > MAX_REAL_RESULT:
            raise Limit("data size", node.lineno)

    def guard(self, fn, node: ast.AST, call: CallInfo | None = None) -> Any:
        """Run one operation; a failure becomes the user's error at this line."""
        try:
            return fn()
        except (UserError, Refused, Limit, _Return):
            raise
        except Exception as exc:  # torch's and Python's own errors are the verdict
            raise UserError(exc, getattr(node, "lineno", self.line), call) from None

    def fail(self, exc: BaseException, node: ast.AST, call: CallInfo | None = None):
        raise UserError(exc, getattr(node, "lineno", self.line), call)

    def attribute(self, obj: Any, attr: str, node: ast.Attribute) -> Any:
        if attr.startswith("_"):
            raise Refused(f"attribute {attr}", node.lineno)
        if isinstance(obj, Namespace):
            if attr not in obj.members:
                raise Refused(f"{obj.name}.{attr}", node.lineno)
            return obj.members[attr]
        if isinstance(obj, UserObject):
            if attr in obj.attrs:
                return obj.attrs[attr]
            if attr in obj.cls.methods:
                return UserFunction(obj.cls.methods[attr], obj)
            if attr in MODULE_METHODS:
                return _Bound(obj, attr)
            if hasattr(nn.Module, attr):  # nn.Module's own API: not modelled here, so not guessed at
                raise Refused(f"nn.Module.{attr} on your own class", node.lineno)
            self.fail(AttributeError(f"'{obj.cls.name}' object has no attribute '{attr}'"), node)
        if isinstance(obj, torch.Tensor):
            if attr in TENSOR_ATTRS:
                return getattr(obj, attr)
            if attr in TENSOR_METHODS:
                return _Bound(obj, attr)
            raise Refused(f"tensor attribute .{attr}", node.lineno)
        if isinstance(obj, nn.Module):
            if attr in MODULE_ATTRS and hasattr(obj, attr):
                return getattr(obj, attr)
            if attr in MODULE_METHODS:
                return _Bound(obj, attr)
            raise Refused(f"module attribute .{attr}", node.lineno)
        if isinstance(obj, rnn_utils.PackedSequence) and attr in (
            "data",
            "batch_sizes",
            "sorted_indices",
            "unsorted_indices",
        ):
            return getattr(obj, attr)
        if isinstance(obj, torch.Size) and attr in ("numel",):
            return _Bound(obj, attr)
        if isinstance(obj, (list,)) and attr == "append":
            return _Bound(obj, attr)
        raise Refused(f"attribute .{attr} of {type(obj).__name__}", node.lineno)

    def subscript(self, node: ast.Subscript, env: dict) -> Any:
        obj = self.evaluate(node.value, env)
        index = self.evaluate(node.slice, env)
        if isinstance(index, torch.Tensor):
            raise Refused("indexing with a tensor", node.lineno)
        if not isinstance(obj, (torch.Tensor, tuple, list, torch.Size, str)):
            raise Refused(f"indexing a {type(obj).__name__}", node.lineno)
        if isinstance(obj, torch.Tensor):
            self.check_last_step(obj, index, node)
        result = self.guard(lambda: obj[index], node)
        prov = self.origin(obj)
        if prov is not None and prov.kind == "result" and isinstance(obj, tuple):
            self.mark(result, Provenance("output" if index == 0 else "states", prov.module, node.lineno))
        else:
            self.derive(result, [obj], node)
        return result

    def derive(self, result: Any, sources: list, node: ast.AST) -> None:
        """A tensor computed from a recurrent layer's output or states keeps that layer as its
        origin ('derived'), so a later size mismatch can be traced to, e.g., a bidirectional layer."""
        if not isinstance(result, torch.Tensor) or self.origin(result) is not None:
            return
        for source in sources:
            prov = self.origin(source) if isinstance(source, torch.Tensor) else None
            if prov is not None and prov.kind in ("output", "states", "derived"):
                self.mark(result, Provenance("derived", prov.module, getattr(node, "lineno", self.line)))
                return

    def check_last_step(self, tensor: torch.Tensor, index: Any, node: ast.AST) -> None:
        """`out[-1]` / `out[:, -1]` on an RNN's output: which axis does the -1 really pick?"""
        prov = self.origin(tensor)
        if prov is None or prov.kind != "output" or not isinstance(prov.module, tuple(RNN_CLASSES.values())):
            return
        module = prov.module
        parts = index if isinstance(index, tuple) else (index,)
        picks = [i for i, p in enumerate(parts) if isinstance(p, int) and not isinstance(p, bool) and p == -1]
        if not picks:
            return
        axis = picks[0]
        batched = tensor.dim() == 3
        time_axis = 1 if (batched and module.batch_first) else 0
        if batched and module.batch_first and axis == 0:
            self.finding("last_step_of_batch", node.lineno)
            return
        if batched and not module.batch_first and axis == 1 and parts[0] == slice(None):
            # (L, N, D*H_out): [:, -1] is the batch's last sample at every step, (L, D*H_out).
            # Unbatched output (L, D*H_out) is left alone: there [:, -1] is a feature.
            length, batch = tensor.shape[0], tensor.shape[1]
            self.finding("last_sample_of_time_first", node.lineno, L=length, N=batch, width=tensor.shape[2])
            return
        if axis == time_axis and module.bidirectional:
            width = module.proj_size or module.hidden_size
            feature = parts[tensor.dim() - 1] if len(parts) == tensor.dim() else slice(None)
            forward_only = (
                isinstance(feature, slice)
                and feature.stop is not None
                and 0 < feature.stop <= width
                and (feature.start or 0) >= 0
            )
            if not forward_only:
                self.finding("reverse_direction_partial", node.lineno, H_out=width)

    # --- calls -------------------------------------------------------------------------------

    def call(self, node: ast.Call, env: dict) -> Any:
        self.check_time(node)  # several slow calls may share one statement
        func_node = node.func
        # super().__init__() inside a class: the only dunder call allowed
        if (
            isinstance(func_node, ast.Attribute)
            and func_node.attr == "__init__"
            and isinstance(func_node.value, ast.Call)
            and isinstance(func_node.value.func, ast.Name)
            and func_node.value.func.id == "super"
        ):
            if self.constructing:
                self.constructing[-1].initialized = True
            return None
        func = self.evaluate(func_node, env)
        args = [self.evaluate(a, env) for a in self.no_starred(node.args)]
        kwargs = {}
        for kw in node.keywords:
            if kw.arg is None:
                raise Refused("**kwargs in a call", node.lineno)
            if kw.arg == "out":
                raise Refused("out= in a call", node.lineno)
            kwargs[kw.arg] = self.evaluate(kw.value, env)
        return self.invoke(func, args, kwargs, node)

    def invoke(self, func: Any, args: list, kwargs: dict, node: ast.Call) -> Any:
        if isinstance(func, UserClass):
            obj = UserObject(func)
            init = func.methods.get("__init__")
            if init is not None:
                self.constructing.append(obj)
                try:
                    self.call_user(UserFunction(init, obj), args, kwargs, node)
                finally:
                    self.constructing.pop()
            else:
                obj.initialized = True  # nn.Module's own __init__ runs
            return obj
        if isinstance(func, UserObject):
            forward = func.cls.methods.get("forward")
            if forward is None:
                self.fail(
                    NotImplementedError(
                        f'Module [{func.cls.name}] is missing the required "forward" function'
                    ),
                    node,
                )
            return self.call_user(UserFunction(forward, func), args, kwargs, node)
        if isinstance(func, UserFunction):
            return self.call_user(func, args, kwargs, node)
        if isinstance(func, type) and func in MODULE_CLASSES.values():
            return self.build_module(func, args, kwargs, node)
        if isinstance(func, nn.Module):
            return self.call_module(func, args, kwargs, node)
        if isinstance(func, _Bound):
            return self.call_bound(func, args, kwargs, node)
        if isinstance(func, _Builtin):
            return func.fn(self, args, kwargs, node)
        raise Refused(f"calling {type(func).__name__}", node.lineno)

    def call_user(self, fn: UserFunction, args: list, kwargs: dict, node: ast.AST) -> Any:
        self.depth += 1
        if self.depth > MAX_CALL_DEPTH:
            raise Limit("call depth", node.lineno)
        spec = fn.node.args
        names = [a.arg for a in spec.posonlyargs + spec.args]
        if fn.self_obj is not None:
            args = [fn.self_obj, *args]
        local: dict[str, Any] = {}
        defaults = dict(zip(names[len(names) - len(spec.defaults) :], spec.defaults, strict=True))
        if len(args) > len(names):
            self.fail(
                TypeError(
                    f"{fn.node.name}() takes {len(names)} positional arguments but {len(args)} were given"
                ),
                node,
            )
        for name, value in zip(names, args, strict=False):
            local[name] = value
        for name, value in kwargs.items():
            if name not in names:
                self.fail(TypeError(f"{fn.node.name}() got an unexpected keyword argument '{name}'"), node)
            local[name] = value
        for name in names:
            if name not in local:
                if name not in defaults:
                    self.fail(
                        TypeError(f"{fn.node.name}() missing 1 required positional argument: '{name}'"), node
                    )
                local[name] = self.evaluate(defaults[name], self.globals)
        try:
            self.exec_block(fn.node.body, local)
            result = None
        except _Return as ret:
            result = ret.value
        finally:
            self.depth -= 1
        return result

    def build_module(self, cls: type, args: list, kwargs: dict, node: ast.Call) -> nn.Module:
        kwargs = {k: v for k, v in kwargs.items() if k != "device"}  # one device here; dtype is kept
        self.check_weight([args, list(kwargs.values())], node)
        if cls in RNN_CLASSES.values():
            layers = args[2] if len(args) > 2 else kwargs.get("num_layers", 1)
            if isinstance(layers, int) and layers > MAX_LAYERS:
                raise Limit("num_layers", node.lineno)
            # the position of bias: 4th for LSTM/GRU, 5th for RNN (nonlinearity comes first). Only a
            # True there is the classic slip: it restates bias's default, so batch_first was meant;
            # a positional False turns the bias off, which is a choice.
            bias_at = 4 if cls is nn.RNN else 3
            if len(args) == bias_at + 1 and args[bias_at] is True and "batch_first" not in kwargs:
                self.finding(
                    "bias_passed_as_batch_first", node.lineno, mode=cls.__name__, value=True, pos=bias_at + 1
                )

        def construct() -> nn.Module:
            with torch.device("meta"):
                return cls(*args, **kwargs)

        module = self.guard(construct, node, CallInfo("constructor", cls, tuple(args), kwargs, node))
        segment = ast.get_source_segment(self.source, node) or f"nn.{cls.__name__}(...)"
        self.modules[id(module)] = ModuleInfo(cls, tuple(args), kwargs, node.lineno, segment, node)
        self.keep.append(module)
        return module

    def twin(self, module: nn.Module) -> nn.Module | None:
        """The same module on the CPU, to reproduce torch's CPU wording of an error (bounded)."""
        info = self.module_info(module)
        if info is None or sum(p.numel() for p in module.parameters()) > MAX_TWIN_PARAMETERS:
            return None
        try:
            twin = info.cls(*info.args, **info.kwargs)
        except Exception:  # noqa: BLE001
            return None
        dtypes = {p.dtype for p in module.parameters()}
        if len(dtypes) == 1:
            twin = twin.to(dtypes.pop())
        return twin.train(module.training)

    def call_module(self, module: nn.Module, args: list, kwargs: dict, node: ast.Call) -> Any:
        info = CallInfo("module", module, tuple(args), dict(kwargs), node)
        self.check_weight([args, list(kwargs.values())], node)
        if isinstance(module, nn.Embedding) and _has_real(args):
            twin = self.twin(module)  # token ids are data: torch checks them against num_embeddings
            if twin is not None:
                with torch.no_grad():
                    result = _floats_to_meta(self.guard(lambda: twin(*_to_real(tuple(args))), node, info))
                self.mark(result, Provenance("embedding", module, node.lineno))
                return result
        meta_args, meta_kwargs = _to_meta(tuple(args)), {k: _to_meta(v) for k, v in kwargs.items()}
        result = None
        if isinstance(module, nn.LSTM) and meta_args and isinstance(meta_args[0], rnn_utils.PackedSequence):
            result = self.check_packed_lstm(module, meta_args, meta_kwargs, args, kwargs, node, info)
        if result is None:
            result = self.run_module(module, meta_args, meta_kwargs, args, kwargs, node, info)
        if isinstance(module, tuple(RNN_CLASSES.values())):
            self.mark(result, Provenance("result", module, node.lineno))
            if isinstance(result, tuple):
                self.mark(result[0], Provenance("output", module, node.lineno))
                states = result[1] if len(result) > 1 else None
                for state in states if isinstance(states, tuple) else (states,):
                    if isinstance(state, torch.Tensor):
                        self.mark(state, Provenance("states", module, node.lineno))
        elif isinstance(module, nn.Embedding):
            self.mark(result, Provenance("embedding", module, node.lineno))
        return result

    def run_module(self, module, meta_args, meta_kwargs, args, kwargs, node, info) -> Any:
        """The call on meta (a recurrent layer over a prefix of a long sequence, within the time
        left); a failure is repeated on the CPU, over the same input, for torch's own words."""
        restore = None
        recurrent = isinstance(module, tuple(RNN_CLASSES.values()))
        if recurrent:
            prefix = _over_a_prefix(module, meta_args)
            steps = _call_steps(module, meta_args)
            if prefix is not None:
                meta_args, restore, steps = prefix
            # a hard bound: a call predicted to end past the deadline is not started
            self.check_time(node, steps * _step_seconds(module))
        try:
            result = module(*meta_args, **meta_kwargs)
        except Exception as exc:  # noqa: BLE001
            real_args = meta_args if restore is not None else args
            standin = None if restore is not None or recurrent else self.standin_module(module)
            result = self.rerun_real(
                lambda: self.twin(module), real_args, kwargs, exc, node, info, standin=standin
            )
        else:
            self.probe_state_dtypes(module, meta_args, meta_kwargs, node, info)
        return restore(result) if restore is not None else result

    def probe_state_dtypes(self, module, meta_args, meta_kwargs, node, info) -> None:
        """States whose dtype differs from the weights': what torch's CPU kernel makes of them.

        The meta device never compares a state's dtype with the weights' (the Python checks look
        at shapes only), while the CPU kernel multiplies the state by W_hh and fails there, with
        words that depend on the kernel (oneDNN's LSTM words it otherwise), or runs after all (an
        LSTM's c_0 may differ). The shapes have passed on meta by now, so the question is the
        dtypes' alone: it is put to the real module, same class, flags and dtypes, over one step
        of a batch of one at input_size 1 and hidden_size 2 (a few hundred numbers, well under a
        millisecond). Its exception, if any, is the verdict; nothing is kept of its result.
        """
        recurrent = isinstance(module, tuple(RNN_CLASSES.values()))
        if not (recurrent or isinstance(module, tuple(CELL_CLASSES.values()))):
            return
        weight = module.weight_ih_l0 if recurrent else module.weight_ih
        x = meta_args[0] if meta_args else meta_kwargs.get("input")
        hx = meta_args[1] if len(meta_args) > 1 else meta_kwargs.get("hx")
        states = list(hx) if isinstance(hx, (tuple, list)) else [hx]
        if not all(isinstance(s, torch.Tensor) for s in states) or all(
            s.dtype == weight.dtype for s in states
        ):
            return
        data = x.data if isinstance(x, rnn_utils.PackedSequence) else x
        if not isinstance(data, torch.Tensor) or any(s.dim() not in (1, 2, 3) for s in states):
            return
        proj = 1 if getattr(module, "proj_size", 0) else 0
        kwargs: dict[str, Any] = {"bias": module.bias, "dtype": weight.dtype}
        if recurrent:
            kwargs.update(
                num_layers=module.num_layers,
                batch_first=module.batch_first,
                bidirectional=module.bidirectional,
            )
            if isinstance(module, nn.LSTM):
                kwargs["proj_size"] = proj
        if isinstance(module, (nn.RNN, nn.RNNCell)):
            kwargs["nonlinearity"] = module.nonlinearity
        if isinstance(x, rnn_utils.PackedSequence):
            small_x: Any = rnn_utils.PackedSequence(
                torch.zeros(1, 1, dtype=data.dtype), torch.tensor([1], dtype=torch.int64)
            )
        else:
            small_x = torch.zeros((1,) * data.dim(), dtype=data.dtype)  # (1, 1, 1): L = N = H_in = 1

        def small(state: torch.Tensor, i: int) -> torch.Tensor:
            width = 1 if (proj and i == 0) else 2  # h is proj_size wide, c hidden_size
            rows = (state.shape[0],) if recurrent and state.dim() > 1 else ()  # D*num_layers
            batch = (1,) if state.dim() == len(rows) + 2 else ()
            return torch.zeros((*rows, *batch, width), dtype=state.dtype)

        small_states = [small(s, i) for i, s in enumerate(states)]
        small_hx = tuple(small_states) if isinstance(hx, (tuple, list)) else small_states[0]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                probe = type(module)(1, 2, **kwargs).train(module.training)
                probe(small_x, small_hx)
            except Exception as exc:  # noqa: BLE001 - torch's own words are the verdict
                raise UserError(exc, node.lineno, info, reason="state_dtype") from None

    def check_packed_lstm(self, module, meta_args, meta_kwargs, args, kwargs, node, info) -> Any:
        """nn.LSTM on a PackedSequence: the checks torch itself skips there, made before it runs.

        On packed input, torch's nn.LSTM.forward calls no ``check_forward_args`` (GRU and RNN do):
        wrong states reach the CPU kernel, which then fails with a message that depends on the
        lengths, returns states of the wrong shape, or corrupts memory and kills the process. So
        the states are checked here with torch's own rule and words (those of LSTM on padded
        input and of GRU on packed input), and never handed to the kernel wrong. A wrong input
        (features, dtype) fails at the kernel's first matrix product over all of ``data`` at
        once: that is repeated on the CPU, whole, for torch's own message. Returns that CPU
        result if the CPU runs it after all, else None (the call goes on, over a prefix).
        """
        packed = meta_args[0]
        data, sizes = packed.data, packed.batch_sizes
        hx = meta_args[1] if len(meta_args) > 1 else meta_kwargs.get("hx")
        weight = module.weight_ih_l0.dtype
        wrong_input = data.dim() != 2 or data.shape[-1] != module.input_size or data.dtype != weight
        if (
            isinstance(hx, (tuple, list))
            and len(hx) == 2
            and all(isinstance(h, torch.Tensor) for h in hx)
            and sizes.numel() > 0
        ):
            expected = (
                module.get_expected_hidden_size(data, sizes),
                module.get_expected_cell_size(data, sizes),
            )
            for i, (state, shape) in enumerate(zip(hx, expected, strict=True)):
                if tuple(state.shape) != tuple(shape):
                    message = f"Expected hidden[{i}] size {tuple(shape)}, got {list(state.shape)}"
                    raise UserError(RuntimeError(message), node.lineno, info)
            wrong_input = wrong_input or any(h.dtype != weight for h in hx)
        if not wrong_input:
            return None
        exc = RuntimeError(
            f"LSTM: input of shape {list(data.shape)} and {data.dtype} does not fit the weights"
        )
        return self.rerun_real(lambda: self.twin(module), args, kwargs, exc, node, info)

    def rerun_real(
        self, make_fn, args, kwargs, meta_exc: Exception, node: ast.AST, info: CallInfo, standin=None
    ) -> Any:
        """Repeat a failed meta operation once on real CPU zeros (bounded).

        If the CPU raises too, its message is torch's verdict. If it succeeds, the meta device
        only lacked a kernel (pad_packed_sequence copies data, say): its result, back on meta,
        is the answer.

        Past the bound on real numbers (or on a module's parameters), ``standin`` (an operation
        whose checks read shapes and dtypes only, never strides or values: a Linear or an
        Embedding, cat, stack, arithmetic) runs instead on stand-ins: every tensor one real zero
        expanded to its shape (stride 0), so torch checks the real shapes on the CPU, in its own
        words, while holding one number per tensor. Only its exception is used.
        """
        size = _count_elements(args) + _count_elements(list(kwargs.values()))
        if self.real_elements + size <= MAX_REAL_ELEMENTS:
            fn = make_fn()
            if fn is not None:
                self.real_elements += size
                try:
                    with torch.no_grad():
                        result = fn(*_to_real(tuple(args)), **{k: _to_real(v) for k, v in kwargs.items()})
                except Exception as real_exc:  # noqa: BLE001
                    raise UserError(real_exc, node.lineno, info) from None
                self.real_elements += _count_elements(result)
                return _floats_to_meta(result)
        if standin is not None:
            try:
                with torch.no_grad():
                    standin(*_to_standin(tuple(args)), **{k: _to_standin(v) for k, v in kwargs.items()})
            except Exception as real_exc:  # noqa: BLE001
                raise UserError(real_exc, node.lineno, info) from None
        raise UserError(meta_exc, node.lineno, info) from None

    def standin_module(self, module: nn.Module):
        """A Linear or an Embedding called with stand-in parameters (see ``rerun_real``)."""
        if not isinstance(module, (nn.Linear, nn.Embedding)):
            return None
        params = {name: _standin(p) for name, p in module.named_parameters()}

        def call(*args: Any, **kwargs: Any) -> Any:
            return torch.func.functional_call(module, params, args, kwargs)

        return call

    def each_module(self, obj: Any, fn, node: ast.AST, depth: int = 0) -> None:
        """Apply ``fn`` to a module, or to every module held by one of the snippet's own classes."""
        if depth > MAX_CALL_DEPTH:
            raise Limit("nesting", node.lineno)
        if isinstance(obj, nn.Module):
            self.guard(lambda: fn(obj), node)
        elif isinstance(obj, UserObject):
            for value in obj.attrs.values():
                self.each_module(value, fn, node, depth + 1)

    def call_bound(self, bound: _Bound, args: list, kwargs: dict, node: ast.Call) -> Any:
        obj, name = bound.obj, bound.name
        if isinstance(obj, UserObject) or isinstance(obj, nn.Module):
            dtypes = [a for a in args + list(kwargs.values()) if isinstance(a, torch.dtype)]
            if name in ("float", "double"):
                dtypes = [torch.float32 if name == "float" else torch.float64]
            if name in ("eval", "train"):
                mode = bool(args[0]) if args else name == "train"
                self.each_module(obj, lambda m: m.train(mode), node)
            elif dtypes:
                self.each_module(obj, lambda m: m.to(dtypes[0]), node)
            return obj if name in ("to", "eval", "train", "cpu", "cuda", "float", "double") else None
        if isinstance(obj, list) and name == "append":
            if len(obj) >= 100_000:
                raise Limit("list length", node.lineno)
            self.check_weight(args[:1], node, add=True)
            obj.append(args[0] if args else None)
            return None
        if isinstance(obj, torch.Tensor):
            if name in ("cpu", "cuda", "detach", "clone", "contiguous") and not args:
                if name in ("cpu", "cuda"):
                    return obj
                result = self.guard(lambda: getattr(obj, name)(), node)
                self.derive(result, [obj], node)  # h.detach() is still the state it was
                return result
            if name == "to":
                keep = [a for a in args if isinstance(a, torch.dtype)]
                kw = {k: v for k, v in kwargs.items() if k == "dtype"}
                if not keep and not kw:
                    return obj  # a device: everything here is on one device
                return self.guard(lambda: obj.to(*keep, **kw), node, CallInfo("method", name, tuple(args)))
            info = CallInfo("method", name, (obj, *args), kwargs, node)
            if obj.device.type != "meta":
                self.preflight(lambda t, *a, **k: getattr(t, name)(*a, **k), [obj, *args], kwargs, node)
            try:
                result = getattr(obj, name)(*args, **kwargs)
                self.derive(result, [obj], node)
            except Exception as exc:  # noqa: BLE001
                if obj.device.type == "meta":
                    return self.rerun_real(
                        lambda: lambda t, *a, **k: getattr(t, name)(*a, **k),
                        [obj, *args],
                        kwargs,
                        exc,
                        node,
                        info,
                    )
                raise UserError(exc, node.lineno, info) from None
            return result
        if isinstance(obj, torch.Size) and name == "numel":
            return obj.numel()
        raise Refused(f"method .{name}", node.lineno)


@dataclass
class _Bound:
    obj: Any
    name: str


class _NoGrad:
    pass


class _Enumerate(list):
    pass


class _Zip(list):
    pass


@dataclass
class _Builtin:
    name: str
    fn: Any


def _torch_function(name: str):
    real = getattr(torch, name)

    def fn(interp: Interpreter, args: list, kwargs: dict, node: ast.Call) -> Any:
        kwargs = {k: v for k, v in kwargs.items() if k not in ("device", "requires_grad", "generator")}
        info = CallInfo("function", f"torch.{name}", tuple(args), kwargs, node)
        if name in FACTORIES:
            return interp.guard(lambda: real(*args, **kwargs, device="meta"), node, info)
        if name == "zeros_like":
            return interp.guard(lambda: real(*args, **kwargs), node, info)
        if name == "tensor":
            size = _weight(args[0] if args else None, MAX_REAL_RESULT)
            if size > MAX_REAL_RESULT or interp.real_elements + size > MAX_REAL_ELEMENTS:
                raise Limit("data size", node.lineno)
            interp.real_elements += size
            value = interp.guard(lambda: real(*args, **kwargs), node, info)
            # integers are data torch reads (lengths, token ids): they stay real; floats go to meta
            return value.to("meta") if value.is_floating_point() or value.is_complex() else value
        pieces = args[0] if args else kwargs.get("tensors")
        if isinstance(pieces, (list, tuple)) and len(pieces) > MAX_PIECES:
            raise Limit("list length", node.lineno)  # torch's dispatch per tensor: bounded before it runs
        if _has_real([args, list(kwargs.values())]):
            interp.preflight(real, list(args), kwargs, node)
        # cat / stack: meta first, then torch's CPU wording of a failure
        try:
            result = real(*_to_meta(tuple(args)), **kwargs)
            interp.derive(result, list(pieces) if isinstance(pieces, (list, tuple)) else [], node)
            return result
        except Exception as exc:  # noqa: BLE001
            return interp.rerun_real(lambda: real, args, kwargs, exc, node, info, standin=real)

    return _Builtin(f"torch.{name}", fn)


def _rnn_util(name: str):
    real = getattr(rnn_utils, name)

    def fn(interp: Interpreter, args: list, kwargs: dict, node: ast.Call) -> Any:
        info = CallInfo("function", name, tuple(args), kwargs, node)
        if name == "pack_padded_sequence":
            # lengths are data: they must be real CPU numbers, as in torch
            args = list(args)
            if len(args) > 1 and isinstance(args[1], torch.Tensor) and args[1].device.type == "meta":
                raise Refused(
                    "lengths that are not written as data (e.g. torch.tensor([5, 3, 2]))", node.lineno
                )
        # lengths (2nd argument) are data torch reads on the CPU; tensors being padded go to meta
        call_args = tuple(
            a if (name == "pack_padded_sequence" and i == 1) else _to_meta(a) for i, a in enumerate(args)
        )
        try:
            result = real(*call_args, **{k: _to_meta(v) if k != "lengths" else v for k, v in kwargs.items()})
        except Exception as exc:  # noqa: BLE001
            return interp.rerun_real(lambda: real, args, kwargs, exc, node, info)
        if isinstance(result, rnn_utils.PackedSequence) and result.sorted_indices is not None:
            # torch moves the sort order to the input's device; on meta that loses the numbers,
            # so keep them where real torch keeps them for CPU input: on the CPU.
            lengths = args[1] if len(args) > 1 else kwargs.get("lengths")
            order = torch.sort(torch.as_tensor(lengths, dtype=torch.int64), descending=True)[1]
            inverse = torch.empty_like(order)
            inverse[order] = torch.arange(order.numel())
            result = result._replace(sorted_indices=order, unsorted_indices=inverse)
        return result

    return _Builtin(name, fn)


def _py(name: str, fn):
    def wrapper(interp: Interpreter, args: list, kwargs: dict, node: ast.Call) -> Any:
        try:
            return interp.guard(
                lambda: fn(*args, **kwargs), node, CallInfo("python", name, tuple(args), kwargs, node)
            )
        except UserError as err:
            if isinstance(err.exc, _TooBig):
                raise Limit("data size", node.lineno) from None
            raise

    return _Builtin(name, wrapper)


def _range(interp: Interpreter, args: list, kwargs: dict, node: ast.Call) -> range:
    r = interp.guard(
        lambda: range(*args, **kwargs), node, CallInfo("python", "range", tuple(args), kwargs, node)
    )
    try:
        size = len(r)
    except OverflowError:
        size = MAX_ITERATIONS + 1
    if size > MAX_ITERATIONS:
        raise Limit("iterations", node.lineno)
    return r


def _print(interp, args, kwargs, node):
    return None


def _sum(x, start=0):
    if not isinstance(start, (int, float)):
        raise TypeError("this checker sums numbers only")
    return sum(_pieces(_seq(x)), start)


def _pieces(items: list) -> list:
    """Items a builtin combines one by one: a tensor costs torch's dispatch each, so bounded."""
    if len(items) > MAX_PIECES and any(isinstance(v, torch.Tensor) for v in items):
        raise _TooBig
    return items


def _extreme(fn):
    def pick(*a, **k):
        if len(a) == 1:
            return fn(_pieces(_seq(a[0])), **k)
        return fn(*_pieces(list(a)), **k)

    return pick


def _str(x=""):
    if _weight(x, MAX_WEIGHT) > MAX_WEIGHT or _text_size(x) > MAX_TEXT:
        raise _TooBig
    return str(x)


BUILTINS = {
    "range": _Builtin("range", _range),
    "enumerate": _py("enumerate", lambda x, start=0: _Enumerate(enumerate(_seq(x), start))),
    "zip": _py("zip", lambda *xs: _Zip(zip(*(_seq(x) for x in xs), strict=False))),
    "len": _py("len", len),
    "int": _py("int", int),
    "float": _py("float", float),
    "bool": _py("bool", bool),
    "str": _py("str", _str),
    "list": _py("list", lambda x=(): _seq(x)),
    "tuple": _py("tuple", lambda x=(): tuple(_seq(x))),
    "max": _py("max", _extreme(max)),
    "min": _py("min", _extreme(min)),
    "abs": _py("abs", abs),
    "sum": _py("sum", _sum),
    "print": _Builtin("print", _print),
    "True": True,
    "False": False,
    "None": None,
}
FORBIDDEN_NAMES = {
    "eval",
    "exec",
    "open",
    "getattr",
    "setattr",
    "delattr",
    "globals",
    "locals",
    "vars",
    "compile",
    "input",
    "__import__",
    "breakpoint",
    "exit",
    "quit",
    "help",
    "dir",
    "type",
    "object",
    "memoryview",
    "super",
}

_NN = Namespace("torch.nn", {**MODULE_CLASSES, "Module": nn.Module})
_RNN_UTILS = Namespace(
    "torch.nn.utils.rnn",
    {n: _rnn_util(n) for n in ("pack_padded_sequence", "pad_packed_sequence", "pad_sequence")},
)
_TORCH = Namespace(
    "torch",
    {
        **{n: _torch_function(n) for n in (*FACTORIES, "tensor", "cat", "stack", "zeros_like")},
        **DTYPES,
        "nn": _NN,
        "no_grad": _Builtin("torch.no_grad", lambda i, a, k, n: _NoGrad()),
        "manual_seed": _Builtin("torch.manual_seed", lambda i, a, k, n: None),
        "device": _Builtin("torch.device", lambda i, a, k, n: str(a[0]) if a else "cpu"),
        "cuda": Namespace(
            "torch.cuda", {"is_available": _Builtin("torch.cuda.is_available", lambda i, a, k, n: False)}
        ),
        "Size": _py("torch.Size", torch.Size),
        "pi": math.pi,
    },
)
_NN.members["utils"] = Namespace("torch.nn.utils", {"rnn": _RNN_UTILS})
NAMESPACES = {
    "torch": _TORCH,
    "torch.nn": _NN,
    "torch.nn.utils.rnn": _RNN_UTILS,
    "torch.nn.utils": _NN.members["utils"],
}


def warm_up() -> None:
    """torch's first meta-device RNN call loads its kernels (~1.6 s here): pay it once per process."""
    for cls in RNN_CLASSES.values():
        cls(2, 2, device="meta")(torch.empty(1, 1, 2, device="meta"))
