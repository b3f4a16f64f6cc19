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
import collections
import math
import operator
import re
import reprlib
import string
import warnings
from dataclasses import dataclass, field
from typing import Any

import torch
from torch import nn
from torch.nn.utils import rnn as rnn_utils
from torch.utils.data import default_collate

from explainer import budget
from explainer.debugger import inplace, torchlib

MAX_SOURCE = 20_000  # characters
# executed, loops and calls included; the counted work (WORK_LIMIT_S / STATEMENT_S) binds first,
# this only backs it: 200,000 of the cheapest statements measure 1.2-3.4 s of CPU
MAX_STATEMENTS = 200_000
MAX_ITERATIONS = 1_000  # per loop
MAX_CALL_DEPTH = 30
MAX_REAL_ELEMENTS = 2_000_000  # real (non-meta) numbers: torch.tensor data and error re-runs
MAX_TWIN_PARAMETERS = 2_000_000  # a module rebuilt on the CPU to reproduce an error message
# The checking budget is counted, never timed, so a verdict is the same on an idle and a busy
# machine: each statement, call and module built adds its estimated seconds (measured on a 2-core
# machine with one torch thread: a statement ~8 us, a torch function or tensor method on meta
# 50-150 us, building a Linear ~0.8 ms, a recurrent step META_PER_STEP); the wall clock is only
# the worker's generous backstop (explainer.debugger.isolate). Two seconds: a whole project script
# (064, numpy rows through a Dataset over 20 epochs) counts 1.55 and measures ~1.1 s of CPU; the
# worker's CPU limit (5 s) stays well above what the count allows.
WORK_LIMIT_S = 2.0
STATEMENT_S = 1e-5
CALL_S = 2e-4
# A call that stays in Python (a builtin, random.choice, a list's append, the snippet's own function,
# whose statements count on their own) on no tensor: 3-8 us measured, where a torch call costs
# 50-250 us. Charged CALL_S, a loop building 60 random names (8,000 calls) would be refused after
# 0.2 s of real work; a tensor operator (x + y, x[i]) is charged CALL_S as a torch call is.
PY_CALL_S = 5e-6
BUILD_S = 1e-3
META_CALL_S = 0.25  # one recurrent layer's call on meta; a long sequence is checked over a prefix
MAX_WEIGHT = 1_000_000  # list/tuple/str elements built by the snippet, shared ones counted each time
# a walk of the snippet's data before Python compares, hashes, copies or prints it (check_weight):
# each item the walk visits, and each element (shared ones each time) that Python's C then walks
WALK_S = 2e-7
ELEMENT_S = 5e-8
# elements (shared ones each time) of a dict key Python may hash, ~5 ns each here: a KeyError whose
# key is a tuple doubled 22 times (17M, 0.08 s of C) is still Python's verdict; 30 times (10^9) is not
MAX_HASHED = 20_000_000
HASH_S = 1e-8
MAX_TEXT = 1_000_000  # characters of a string built by str(), an f-string or % formatting
MAX_SHOWN = 10_000  # characters of an exception's arguments shown as Python would print them
SHORTENED = "shortened: Python would print the whole structure"
MAX_PIECES = 10_000  # tensors joined by one torch.cat / torch.stack, or summed by one sum()
MAX_REAL_RESULT = 100_000  # elements of a tensor computed for real (integer data such as lengths)
MAX_STEPS = 2_000  # tensor bindings recorded for the line-by-line table
MAX_LAYERS = 64
MAX_GRAPH = 256  # module calls followed per tensor in autograd's graph; past it, that tensor's is not
# torch's own words (autograd's engine) when backward() reaches saved tensors a backward() freed
BACKWARD_TWICE = (
    "Trying to backward through the graph a second time (or directly access saved tensors after they "
    "have already been freed). Saved intermediate values of the graph are freed when you call .backward() "
    "or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time "
    "or if you need to access saved tensors after calling backward."
)


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
        # in the prefix's memory order: batch_first output is torch's (L, N, ...) transposed, so
        # a later .view() fails (or not) as it does on the whole call
        order = sorted(range(output.dim()), key=output.stride, reverse=True)
        full = torch.empty([shape[d] for d in order], dtype=output.dtype, device="meta")
        return full.permute([order.index(d) for d in range(output.dim())]), states

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
        self.unknown: tuple[str, str, str] | None = None  # (name, why, source) of a value not known here
        # (name, statement): the name to ask a value for, and the statement that binds it, where the
        # value typed stands in (form.bind_values); None when no name of the snippet's holds it
        self.ask: tuple[str, ast.stmt] | None = None


class Limit(Exception):
    """A bound was reached (statements, iterations, time, data size)."""

    def __init__(self, what: str, line: int):
        super().__init__(what)
        self.what = what
        self.line = line


class UserError(Exception):
    """The snippet itself raised: the exception torch (or Python) would raise, and where."""

    def __init__(self, exc: BaseException, line: int, call: CallInfo | None, reason: str | None = None):
        super().__init__(exception_text(exc))
        self.exc = exc
        self.line = line
        self.call = call
        self.reason = reason  # what the checker found behind torch's words ('state_dtype'), if known
        self.stmt_line: int | None = None  # first line of the innermost statement (fixes go before it)
        # the innermost call whose arguments were being evaluated when it failed: (its node, what it
        # calls), so ``cell(x[t], h)`` failing at ``x[t]`` can be explained as a cell's input
        self.outer: tuple[ast.Call, Any] | None = None


@dataclass
class CallInfo:
    """The operation that failed: what was called and with which arguments."""

    kind: str  # 'module', 'function', 'method', 'unpack', 'python', 'index' (args: the object, the index)
    target: Any = None  # the module or function name
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)
    node: ast.AST | None = None


class _Control(Exception):
    """return / break / continue: control flow of the snippet, never an error of its own."""


class _Return(_Control):
    def __init__(self, value: Any):
        self.value = value


class _Break(_Control):
    pass


class _Continue(_Control):
    pass


class _NotModelled(Exception):
    """A builtin handed one of the checker's own objects, whose Python error words it cannot match."""


class _NeedsValue(Exception):
    """A number the meta device does not have (``loss.item()``) was needed to go on."""


class _Value:
    """What ``t.item()`` gives for a meta tensor: a number whose value is unknown here.

    It may be printed, formatted, stored, and combined with numbers (the result is unknown too);
    a tensor combined with it gets a stand-in of its kind (1.0, 1 or True: the same result
    dtype and shape). Anything that would need its value (a branch, a size, an index, an
    argument to torch) is refused, never guessed.
    """

    def __init__(self, kind: type, span: tuple[int, int] | None = None):
        self.kind = kind  # float, int or bool, as Python's number from .item(); str: an item picked
        self.span = span  # (lo, hi): an int known to lie there (.item() of argmax's indices)

    @property
    def standin(self) -> Any:
        return self.kind("?") if self.kind is str else self.kind(1)

    def _combine(self, other: Any) -> Any:
        if self.kind is str or (isinstance(other, _Value) and other.kind is str):
            raise _NeedsValue  # text picked or formatted from an unknown number: its value is needed
        if isinstance(other, _Value) or (isinstance(other, (int, float)) and not isinstance(other, bool)):
            kinds = {self.kind, other.kind if isinstance(other, _Value) else type(other)}
            return _Value(float if float in kinds else int)
        if isinstance(other, bool):
            return _Value(float if self.kind is float else int)
        return NotImplemented

    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = __mod__ = __rmod__ = _combine
    __floordiv__ = __rfloordiv__ = __pow__ = __rpow__ = _combine

    def __truediv__(self, other: Any) -> Any:
        result = self._combine(other)
        return _Value(float) if isinstance(result, _Value) else result

    __rtruediv__ = __truediv__

    def __neg__(self) -> _Value:
        if self.kind is str:
            raise _NeedsValue
        return _Value(self.kind if self.kind is not bool else int)

    __pos__ = __abs__ = __neg__

    def _needs(self, *other: Any) -> Any:
        raise _NeedsValue

    __bool__ = __lt__ = __le__ = __gt__ = __ge__ = __eq__ = __ne__ = _needs
    __index__ = __int__ = __float__ = __len__ = __iter__ = _needs
    __hash__ = object.__hash__

    def __str__(self) -> str:
        return "?"

    __repr__ = __str__

    def __format__(self, spec: str) -> str:
        return "?"


class _Generator:
    """A generator (a generator expression, ``model.parameters()``): iterated once, then empty.

    Its items are computed when it is made (bounded like a loop); iterating it a second time
    gives nothing, as in Python, so ``params = model.parameters()`` used twice behaves the same.
    """

    def __init__(self, items: list, shown: str = "generator"):
        self.items = items
        self.used = False
        self.shown = shown  # what Python calls it: 'generator', 'map', 'itertools.chain'

    def __repr__(self) -> str:
        return f"<{self.shown} object>"

    def take(self) -> list:
        items, self.items, self.used = ([] if self.used else self.items), [], True
        return items


class _TypeHint:
    """A name from ``typing`` (or ``torch.Tensor``) used in annotations: only subscripted, never called."""

    def __init__(self, name: str):
        self.name = name


class _DatasetBase:
    """``torch.utils.data.Dataset``: only a base for the snippet's own dataset classes."""


DATASET = _DatasetBase()


class _TensorDataset:
    """``torch.utils.data.TensorDataset``: tensors that share their first dimension."""

    def __init__(self, tensors: tuple):
        self.tensors = tensors

    def __len__(self) -> int:
        return self.tensors[0].shape[0]


class _DataLoader:
    """A ``DataLoader`` over a TensorDataset or the snippet's own Dataset: each batch as torch's
    default collate builds it (a list of the tensors' rows, stacked into new tensors), the smaller
    last batch included unless ``drop_last``. Shuffling changes which rows, not their shapes
    (Interpreter.shuffled_batches; over the snippet's own Dataset, refused where rows differ)."""

    def __init__(self, dataset: Any, batch_size: int, drop_last: bool, shuffle: bool = False, n: int = 0):
        self.dataset, self.batch_size, self.drop_last = dataset, batch_size, drop_last
        self.shuffle = shuffle
        self.n = n if isinstance(dataset, UserObject) else len(dataset)  # the dataset's __len__

    def __len__(self) -> int:
        n = self.n
        return n // self.batch_size if self.drop_last else -(-n // self.batch_size)

    def __iter__(self):
        if isinstance(self.dataset, UserObject):
            raise _NotModelled  # its batches are built by the interpreter (Interpreter.batches)
        for start in range(0, len(self) * self.batch_size, self.batch_size):
            yield [t[start : start + self.batch_size].clone() for t in self.dataset.tensors]


class _LegacyTensor(_TypeHint):
    """``torch.Tensor`` / ``torch.FloatTensor`` / ``torch.LongTensor`` ...: a type in annotations and
    ``.type(...)``, and the legacy constructor when called (sizes, or data as a nested list)."""

    def __init__(self, name: str, dtype: torch.dtype):
        super().__init__(name)
        self.dtype = dtype


@dataclass
class _Optimizer:
    """A torch.optim optimizer built over the snippet's parameters; step/zero_grad do nothing here.

    Built by torch itself over the meta parameters (so its argument checks are torch's own);
    there are no gradients on meta, and none are needed for shapes.
    """

    real: Any


@dataclass
class _Scheduler:
    """A torch.optim.lr_scheduler schedule built by torch over the snippet's optimizer: its step()
    and get_last_lr() are torch's own (the learning rate is a number the schedule alone decides)."""

    real: Any


@dataclass
class UserClass:
    name: str
    methods: dict[str, ast.FunctionDef]
    line: int
    constants: dict[str, Any] = field(default_factory=dict)  # class-level names (HIDDEN = 64)
    plain: bool = False  # a plain class (no nn.Module base): a record, a dataset, a helper
    dataset: bool = False  # a torch.utils.data.Dataset subclass: __len__ and __getitem__ are its own
    # an nn.ModuleList / nn.Sequential subclass: a module whose list of layers is never filled here
    # (super().__init__() without layers); what reads that list (len, [i], for, append) is refused
    container: type | None = None

    def __repr__(self) -> str:
        return f"<class '__main__.{self.name}'>"


@dataclass
class UserObject:
    cls: UserClass
    attrs: dict[str, Any] = field(default_factory=dict)
    initialized: bool = False  # super().__init__() ran
    training: bool = True  # nn.Module's flag: train() / eval() set it, forward reads self.training

    def __repr__(self) -> str:
        return f"<__main__.{self.cls.name} object>" if self.cls.plain else f"{self.cls.name}(...)"


@dataclass
class UserFunction:
    node: ast.FunctionDef
    self_obj: UserObject | None = None
    closure: Any = None  # the enclosing function's names, for a lambda or def made inside one

    def __repr__(self) -> str:
        return f"<function {self.node.name}>"


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
class GraphNode:
    """A call of a module with parameters in autograd's graph: it saves tensors for backward()."""

    call: CallInfo
    line: int
    carried: bool  # an argument hung on a graph that an earlier backward() had freed
    # tensor id -> its version (autograd's count of in-place changes) when the call saved it: the
    # module's parameters and the tensors it was given
    saved: dict[int, int] = field(default_factory=dict)

    def stale(self, tensors: dict[int, torch.Tensor]) -> bool:
        """A value the call saved was changed in place since: backward() refuses it."""
        return any(tensors[i]._version != v for i, v in self.saved.items() if i in tensors)


class Namespace:
    """A whitelisted module-like namespace (torch, torch.nn, torch.nn.utils.rnn, ...)."""

    def __init__(self, name: str, members: dict[str, Any]):
        self.name = name
        self.members = members

    def __repr__(self) -> str:
        return f"<module '{self.name}'>"


# the special methods a class of the snippet's may define: each called where Python calls it
PLAIN_DUNDERS = {"__init__", "__len__", "__getitem__", "__call__"}
STATEMENT_NAMES = {
    ast.Delete: "del",
    ast.Global: "global",
    ast.Nonlocal: "nonlocal",
    ast.AsyncFunctionDef: "async def",
}
RNN_CLASSES = {"RNN": nn.RNN, "LSTM": nn.LSTM, "GRU": nn.GRU}
CELL_CLASSES = {"RNNCell": nn.RNNCell, "LSTMCell": nn.LSTMCell, "GRUCell": nn.GRUCell}
# losses that broadcast input against target (with a UserWarning only): a silent mistake
BROADCASTING_LOSSES = (nn.MSELoss, nn.L1Loss, nn.SmoothL1Loss, nn.HuberLoss)
CONTAINERS = {"Sequential": nn.Sequential, "ModuleList": nn.ModuleList}
MAX_CHILDREN = 1_000  # modules held by one nn.Sequential / nn.ModuleList
# every layer of torch.nn, from torch's own namespace less the deny-list (torchlib); the recurrent
# layers, cells, containers and losses keep their handlers below
MODULE_CLASSES = torchlib.MODULE_CLASSES
# str methods that only compute (no format: its fields can reach attributes)
STR_METHODS = {
    "split",
    "join",
    "strip",
    "lstrip",
    "rstrip",
    "lower",
    "upper",
    "replace",
    "startswith",
    "endswith",
}
TENSOR_ATTRS = torchlib.TENSOR_ATTRS
MODULE_METHODS = {
    "to",
    "eval",
    "train",
    "cpu",
    "cuda",
    "float",
    "double",
    "flatten_parameters",
    "zero_grad",
    "parameters",
    "named_parameters",
    "append",
}
FACTORIES = ("randn", "rand", "zeros", "ones", "empty", "randint")
DTYPES = torchlib.DTYPES  # every dtype torch names
BIN_OPS = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
    ast.Pow: operator.pow,
    ast.MatMult: operator.matmul,
    ast.BitOr: operator.or_,  # sets, bools, masks
    ast.BitAnd: operator.and_,
    ast.BitXor: operator.xor,
}
AUG_OPS = {
    ast.Add: operator.iadd,
    ast.Sub: operator.isub,
    ast.Mult: operator.imul,
    ast.Div: operator.itruediv,
    ast.FloorDiv: operator.ifloordiv,
    ast.Mod: operator.imod,
    ast.MatMult: operator.imatmul,
    ast.BitOr: operator.ior,
    ast.BitAnd: operator.iand,
    ast.BitXor: operator.ixor,
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


def _tensors(value: Any) -> list[torch.Tensor]:
    """Every tensor inside tuples, lists and PackedSequences."""
    found: list[torch.Tensor] = []
    _map_tensors(value, found.append)
    return found


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


def _has_meta(value: Any) -> bool:
    found = []
    _map_tensors(value, lambda t: found.append(t.device.type == "meta") or t)
    return any(found)


# the nodes of an expression that only reads and computes (no call, no attribute, no item)
PLAIN_EXPR = (
    ast.Constant,
    ast.Name,
    ast.Load,
    ast.BinOp,
    ast.UnaryOp,
    ast.operator,
    ast.unaryop,
    ast.JoinedStr,
    ast.FormattedValue,
    ast.Tuple,
)
_UNSET = object()
# functions whose integer arguments torch checks on real data only: checked by their range when
# that is all there is (a shuffled loader's targets); any other integers as before
RANGE_CHECKED = {"cross_entropy", "nll_loss", "one_hot", "embedding"}
VALUE_CONSTRUCT = "a number that only real data has (a meta tensor's .item())"
# builtins that may hold or combine unknown numbers without needing their values
VALUE_BUILTINS = (
    "print",
    "str",
    "int",
    "float",
    "abs",
    "round",
    "sum",
    "list",
    "tuple",
    "len",
    "enumerate",
    "zip",
    "reversed",
)


def _map_values(value: Any, depth: int = 0) -> Any:
    """Unknown numbers (``_Value``) replaced by a number of their kind, in tuples and dicts."""
    if isinstance(value, _Value):
        return value.standin
    if depth < 4 and type(value) in (list, tuple):
        return type(value)(_map_values(v, depth + 1) for v in value)
    if depth < 4 and type(value) is dict:
        return {k: _map_values(v, depth + 1) for k, v in value.items()}
    return value


# pylib's modules whose functions compute on Python values only
_PYTHON_MODULES = ("random.", "itertools.", "functools.", "math.", "string.", "collections.", "unicodedata.")


def _stays_in_python(func: Any, args: list, kwargs: dict) -> bool:
    """Whether a call costs a Python call, not a torch call (PY_CALL_S, not CALL_S): the snippet's
    own function or class, a builtin, a str/list/dict method or a pure-Python module's function,
    none given a tensor or an array (``sum(tensors)``, ``print(x)`` run torch). The first items
    of each argument are looked at, so the look costs as little as the call it prices."""
    if isinstance(func, (UserClass, UserFunction)):
        pass
    elif isinstance(func, UserObject):
        return False  # a module's forward: its torch calls inside are priced on their own, but
        # torch's Module.__call__ machinery is not free
    elif isinstance(func, _Builtin):
        if not (BUILTINS.get(func.name) is func or func.name.startswith(_PYTHON_MODULES)):
            return False
    elif not (isinstance(func, _Bound) and type(func.obj) in (list, dict, str)):
        return False
    for value in [*args[:8], *list(kwargs.values())[:8]]:
        if isinstance(value, (torch.Tensor, nplib.np.ndarray)):
            return False
        if type(value) in (list, tuple) and any(
            isinstance(v, (torch.Tensor, nplib.np.ndarray)) for v in value[:8]
        ):
            return False
    return True


def _numpy_row(row: Any, depth: int = 0) -> Any:
    """A Dataset item's numpy arrays and numbers as the tensors ``default_collate`` makes of them
    (``torch.as_tensor``: the same dtype and shape, so the same batch): floating ones on meta, as
    the collated batch's floats go anyway; integer ones real where their numbers are known. A
    number from an unknown float array (``self.y[idx]`` of float32 data) keeps its numpy type
    (nplib._scalar), so it collates to float32 as it does for real. Anything else is left as it
    is, for the caller to refuse."""
    np = nplib.np
    if depth < 4 and type(row) in (list, tuple):
        return type(row)(_numpy_row(v, depth + 1) for v in row)
    if isinstance(row, _Value) and row.kind is float and getattr(row, "numpy", None) is not None:
        row = row.numpy(1)  # a stand-in of its numpy type; its number is never read (meta below)
    if isinstance(row, (np.ndarray, np.generic)) and row.dtype.kind in "fc":
        try:
            dtype = torch.from_numpy(np.zeros(0, row.dtype)).dtype
        except TypeError:  # a numpy type torch has no dtype for (longdouble): refused by the caller
            return row
        return torch.empty(row.shape, dtype=dtype, device="meta")
    if isinstance(row, (np.ndarray, np.generic)) and row.dtype.kind in "biu" and not nplib.is_unknown(row):
        return torch.as_tensor(row)
    return row


def _references(values: list, target: Any, depth: int = 0) -> int:
    """How often ``target`` is among these values, in lists, tuples, dicts and the snippet's
    objects three levels down; a number past any count (MAX_KEY_ITEMS + 1) where a container is
    too large to look through."""
    if depth > 3 or len(values) > MAX_KEY_ITEMS:
        return MAX_KEY_ITEMS + 1
    found = 0
    for value in values:
        if value is target:
            found += 1
        elif type(value) in (list, tuple):
            found += _references(value, target, depth + 1)
        elif type(value) is dict:
            found += _references([*value.keys(), *value.values()], target, depth + 1)
        elif isinstance(value, UserObject):
            found += _references(list(value.attrs.values()), target, depth + 1)
    return found


def _holds_value(value: Any, depth: int = 0) -> bool:
    """Whether an unknown number (from a meta tensor's .item()) is inside this value."""
    if isinstance(value, _Value):
        return True
    if depth < 4 and type(value) in (list, tuple):
        return any(_holds_value(v, depth + 1) for v in value[:MAX_KEY_ITEMS])
    if depth < 4 and type(value) is dict:
        return any(_holds_value(v, depth + 1) for v in list(value.values())[:MAX_KEY_ITEMS])
    return False


def _weight(value: Any, budget: int) -> int:
    """Elements reachable through lists, tuples and strings (shared ones each time), up to budget + 1."""
    return _weigh(value, budget)[0]


def _parts(v: Any) -> tuple[int, list | tuple] | None:
    """A container's own count and what it holds, as ``_weight`` counts them; None for a leaf."""
    if type(v) in (list, tuple) or isinstance(v, (_Enumerate, _Zip)):
        return len(v), v
    if type(v) is dict:
        return 2 * len(v), [*v.keys(), *v.values()]
    if isinstance(v, _Generator):
        return len(v.items), v.items
    return None


def _flat(items: list | tuple) -> int | None:
    """The weight of items that are all leaves (numbers, strings, tensors), counted by C without a
    step of Python each; None when one of them is a container."""
    types = set(map(type, items))
    if any(t in (list, tuple, dict) or issubclass(t, (_Enumerate, _Zip, _Generator)) for t in types):
        return None
    if any(issubclass(t, str) for t in types):
        return sum(len(v) if isinstance(v, str) else 1 for v in items)
    return len(items)


def _weigh(value: Any, budget: int) -> tuple[int, int]:
    """``_weight``, and the items this walk visited one by one (what the walk itself cost).

    Each container's weight is found once and remembered by its id for the rest of the walk (every
    container stays alive, held by ``value``): a structure doubled 30 times (``a = [a, a]``, 10⁹
    elements in a few hundred bytes) takes about 60 visits, not 10⁹, and still weighs what
    comparing, hashing or printing it would walk. A container that holds itself weighs more than
    any budget.
    """
    if isinstance(value, str):
        return len(value), 1
    parts = _parts(value)
    if parts is None:
        return 1, 1
    if len(parts[1]) > 16 and parts[0] <= budget:
        flat = _flat(parts[1])
        if flat is not None:
            return parts[0] + flat, 1 + len(parts[1]) // 16
    memo: dict[int, int] = {}
    walking = {id(value)}
    stack = [[id(value), iter(parts[1]), parts[0]]]  # [id, its items' iterator, weight so far]
    visits = 1
    leaves = (int, float, bool, type(None))
    while stack:
        frame = stack[-1]
        for v in frame[1]:
            visits += 1
            if type(v) in leaves:
                frame[2] += 1
                continue
            known = len(v) if isinstance(v, str) else memo.get(id(v))
            if known is None:
                if id(v) in walking:
                    return budget + 1, visits  # it holds itself: printing or comparing never ends
                parts = _parts(v)
                if parts is None:
                    known = 1
                else:
                    own, items = parts
                    if len(items) > 16:
                        flat = _flat(items) if own <= budget else None
                    else:  # a small one ((i, x) of enumerate): its leaves counted here
                        flat = len(items) if all(type(x) in leaves for x in items) else None
                    if flat is None:
                        walking.add(id(v))
                        stack.append([id(v), iter(items), own])
                        break  # walk v first; this frame's iterator resumes after it
                    visits += len(items) // 16
                    known = memo[id(v)] = own + flat
            frame[2] += known
            if frame[2] > budget:
                return frame[2], visits
        else:
            stack.pop()
            walking.discard(frame[0])
            memo[frame[0]] = frame[2]
            if not stack:
                return frame[2], visits
            stack[-1][2] += frame[2]
            if stack[-1][2] > budget:
                return stack[-1][2], visits
    return budget + 1, visits  # not reached


class _TooBig(Exception):
    """Raised inside a builtin; becomes a Limit at the call's line."""


def _targets(stmt: ast.stmt) -> list[ast.expr]:
    return stmt.targets if isinstance(stmt, ast.Assign) else [getattr(stmt, "target", None)]


class _NoKey(Exception):
    """A module call whose arguments this checker cannot key on cheaply: it is not cached."""


MAX_CACHED_CALLS = 256
MAX_KEY_ITEMS = 1_000


def _call_key(value: Any, depth: int = 0) -> Any:
    """The shapes, dtypes and strides of a call's arguments, as a hashable key (meta tensors only)."""
    if depth > 8:
        raise _NoKey
    if isinstance(value, rnn_utils.PackedSequence):
        sizes = value.batch_sizes
        if (
            not isinstance(sizes, torch.Tensor)
            or sizes.device.type == "meta"
            or sizes.numel() > MAX_KEY_ITEMS
        ):
            raise _NoKey
        order = [
            None if t is None else tuple(t.tolist())
            for t in (value.sorted_indices, value.unsorted_indices)
            if t is None or (t.device.type != "meta" and t.numel() <= MAX_KEY_ITEMS)
        ]
        if len(order) != 2:
            raise _NoKey
        return ("packed", _call_key(value.data, depth + 1), tuple(sizes.tolist()), *order)
    if isinstance(value, torch.Tensor):
        if value.device.type != "meta":
            raise _NoKey  # real data: its values may matter
        return ("tensor", tuple(value.shape), value.stride(), value.dtype, value.requires_grad)
    if type(value) in (tuple, list):
        if len(value) > MAX_KEY_ITEMS:
            raise _NoKey
        return (type(value).__name__, tuple(_call_key(v, depth + 1) for v in value))
    if value is None or type(value) in (int, float, bool, str):
        return ("value", type(value).__name__, value)
    if isinstance(value, torch.dtype):
        return ("dtype", value)
    raise _NoKey


def _fresh(result: Any) -> Any:
    """A cached call's result as new tensors (clones on meta: same shapes, strides, dtypes, grad)."""
    if isinstance(result, rnn_utils.PackedSequence):
        return result._replace(
            data=result.data.clone(),
            batch_sizes=result.batch_sizes.clone(),
            sorted_indices=None if result.sorted_indices is None else result.sorted_indices.clone(),
            unsorted_indices=None if result.unsorted_indices is None else result.unsorted_indices.clone(),
        )
    if isinstance(result, torch.Tensor):
        return result.clone()
    if type(result) in (tuple, list):
        return type(result)(_fresh(v) for v in result)
    return result


def _seq(x: Any) -> list:
    """What iterating x yields, bounded: a tensor gives its slices along dim 0."""
    if isinstance(x, torch.Tensor):
        if x.dim() == 0:
            raise TypeError("iteration over a 0-d tensor")
        if x.shape[0] > MAX_ITERATIONS:
            raise _TooBig
        return [x[i] for i in range(x.shape[0])]
    if isinstance(x, (str, list, tuple, range, torch.Size, _Enumerate, _Zip, dict, set, frozenset)):
        if len(x) > 100_000:
            raise _TooBig
        return list(x)
    if isinstance(x, _Generator):
        return x.take()
    if isinstance(x, (nn.Sequential, nn.ModuleList)):
        return list(x)
    if isinstance(x, _DataLoader):
        if len(x) > MAX_ITERATIONS:
            raise _TooBig
        return list(x)
    if isinstance(x, (_Value, pylib.Opaque)):
        iter(x)  # raises what names it
    if isinstance(x, nplib.np.ndarray):
        if x.ndim == 0:
            raise TypeError("iteration over a 0-d array")
        if x.shape[0] > MAX_ITERATIONS:
            raise _TooBig
        return nplib.rows(x)
    name = "generator" if isinstance(x, _Generator) else type(x).__name__
    raise TypeError(f"'{name}' object is not iterable")


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
        elif type(v) is dict:
            total += 14 + 4 * len(v)
            stack.extend(v.keys())
            stack.extend(v.values())
        elif isinstance(v, rnn_utils.PackedSequence):
            total += 80
            stack.extend(v)
        elif isinstance(v, torch.Tensor):
            shown = 0 if v.device.type == "meta" else min(v.numel(), 1_000)
            total += 200 + 24 * shown + 10 * v.dim()
        elif isinstance(v, nn.Module):
            total += 200  # its own line; its children print in full each time one appears
            stack.extend(v._modules.values())
        elif isinstance(v, UserObject):
            total += 300
            stack.extend(v.attrs.values())
        elif isinstance(v, (UserFunction, _Bound)):
            total += 300
            stack.append(v.self_obj if isinstance(v, UserFunction) else v.obj)
        else:
            total += 1_000  # a module, a dtype, a namespace: a short fixed text
    return total


def exception_text(exc: BaseException) -> str:
    """str(exc), torch's and Python's own words, unless an argument would print past MAX_SHOWN
    characters (a KeyError whose key is a structure a million elements deep): then its start."""
    if any(_text_size(arg, MAX_SHOWN) > MAX_SHOWN for arg in exc.args if not isinstance(arg, str)):
        shown = reprlib.Repr()  # Python's own shortened repr: "((((...), ...), ...), ...)"
        shown.maxlevel, shown.maxstring = 4, 60
        return f"{', '.join(shown.repr(arg) for arg in exc.args)} [{SHORTENED}]"
    return str(exc)


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
        self.scopes: dict[int, ast.AST] | None = None  # node id -> enclosing function, for fixes
        self.call_cache: dict[tuple, Any] = {}  # module call key -> its first result (see call_key)
        # autograd's graph, followed per tensor (see record_graph): tensor id -> the module calls
        # whose saved tensors its backward() needs (None: not followed); call -> the line of the
        # backward() that freed it
        self.graph: dict[int, frozenset[int] | None] = {}
        self.graph_nodes: list[GraphNode] = []
        self.freed: dict[int, int] = {}
        self.handling: list[UserError] = []  # the errors whose except blocks run now (bare raise)
        # the run's own seeded generators for random / numpy.random (pylib, nplib): made on first use
        self.py_random: Any = None
        self.np_random: Any = None
        self.saved_tensors: dict[int, torch.Tensor] = {}  # what graph nodes saved, by id (kept alive)
        self.grads: dict[int, torch.Tensor] = {}  # parameters a backward() gave a .grad (by id)
        self.grad_values: dict[int, torch.Tensor] = {}  # their .grad as the snippet reads it (meta)
        self.stepped: dict[int, int] = {}  # parameter id -> the line of the optimizer step that changed it
        # h_n[-1] of a bidirectional layer, by tensor id: (that subscript, the layer): the reverse
        # direction of the last layer alone, wherever it is taken for "the last hidden state"
        self.reverse_only: dict[int, tuple[ast.Subscript, nn.Module]] = {}
        self.recurrent_calls: list[CallInfo] = []  # every call of nn.RNN/LSTM/GRU, in order (bounded)
        self.ranges: dict[int, torchlib.Range] = {}  # meta integer tensor id -> range of its values
        self.shuffled_integers = False  # a shuffled loader gave integers on meta (see ranged())

    # --- bookkeeping -------------------------------------------------------------------------

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

    def graph_of(self, value: Any) -> frozenset[int] | None:
        """The module calls whose saved tensors a backward() from these tensors would need; None
        when one of them is not followed."""
        found: set[int] = set()
        unknown = []

        def visit(t: torch.Tensor) -> torch.Tensor:
            deps = self.graph.get(id(t), frozenset())
            if deps is None:
                unknown.append(t)
            else:
                found.update(deps)
            return t

        _map_tensors(value, visit)
        return None if unknown else frozenset(found)

    def record_graph(self, result: Any, sources: Any, call: CallInfo | None = None) -> None:
        """Autograd's graph, followed per tensor: each result that requires grad hangs on the graphs
        of its sources and, for ``call`` (a module with parameters), on that call, which saves
        tensors for backward() (a Linear its input, a recurrent layer its states). Only calls of
        such modules are followed: a graph known here is part of torch's, never more than it."""
        deps = self.graph_of(sources)
        if deps is not None and call is not None:
            line = getattr(call.node, "lineno", self.line)
            saved = {}
            for t in [*call.target.parameters(), *_tensors(sources)]:
                self.saved_tensors[id(t)] = t
                saved[id(t)] = t._version
            self.graph_nodes.append(GraphNode(call, line, bool(deps.intersection(self.freed)), saved))
            deps = deps | {len(self.graph_nodes) - 1}
        if deps is not None and len(deps) > MAX_GRAPH:
            deps = None
        if deps is not None and not deps:
            return

        def store(t: torch.Tensor) -> torch.Tensor:
            if t.requires_grad and id(t) not in self.graph:
                self.graph[id(t)] = deps
                self.keep.append(t)
            elif t.requires_grad and self.graph[id(t)] is not None:  # in place: out[t] = h, x += y
                both = self.graph[id(t)] | deps if deps is not None else None
                self.graph[id(t)] = both if both is None or len(both) <= MAX_GRAPH else None
            return t

        _map_tensors(result, store)

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

    def check_random_state(self, module: nn.Module, args: list, kwargs: dict, node: ast.AST) -> None:
        """h_0 (or c_0) drawn at random on every call: the same input gives another output each time."""
        hx = args[1] if len(args) > 1 else kwargs.get("hx")
        for state in hx if isinstance(hx, (tuple, list)) else (hx,):
            if isinstance(state, torch.Tensor) and id(state) in self.drawn:
                mode = type(module).__name__
                self.finding("random_state", node.lineno, fn=self.drawn[id(state)], mode=mode)
                return

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
        except _NeedsValue as need:  # a value needed outside any guarded operation: named all the same
            raise self.needs(need, tree) from None

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
        except (Refused, _NeedsValue) as exc:
            ref = self.needs(exc, node) if isinstance(exc, _NeedsValue) else exc
            if ref.unknown is not None and ref.ask is None:
                ref.ask = self.asked_for(node)
            elif ref.ask is not None and ref.ask[1] is None:  # an argument: in this statement
                ref.ask = (ref.ask[0], node)
            raise ref from None
        finally:
            self.line = outer if self.depth else node.lineno

    def asked_argument(self, node: ast.AST, args: list, kwargs: dict, hidden: pylib.Opaque) -> Any:
        """(the argument as written, None): the argument of this call that holds the unknown value,
        when it is one line of the snippet's text; None otherwise."""
        if not isinstance(node, ast.Call) or len(node.args) != len(args):
            return None
        if any(isinstance(a, ast.Starred) for a in node.args) or any(k.arg is None for k in node.keywords):
            return None
        pairs = [*zip(node.args, args, strict=True), *((k.value, kwargs.get(k.arg)) for k in node.keywords)]
        for sub, value in pairs:
            if pylib.holds_opaque(value) is hidden:
                text = ast.get_source_segment(self.source, sub)
                return (text, None) if text and "\n" not in text else None
        return None

    @staticmethod
    def asked_for(node: ast.stmt) -> tuple[str, ast.stmt] | None:
        """``end = decoded.index('E')`` needed a value not known here: ``end`` is what to ask for
        (a value typed for it replaces the statement's value); None for any other statement."""
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            return node.targets[0].id, node
        if isinstance(node, ast.AnnAssign) and node.value is not None and isinstance(node.target, ast.Name):
            return node.target.id, node
        return None

    def _exec(self, node: ast.stmt, env: dict) -> None:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            self.do_import(node, env)
        elif isinstance(node, ast.Assign):
            value = self.evaluate(node.value, env)
            for target in node.targets:
                self.assign(target, value, env, node)
        elif isinstance(node, ast.AnnAssign):
            if node.value is not None:  # the annotation itself is never evaluated: types only
                self.assign(node.target, self.evaluate(node.value, env), env, node)
            elif not isinstance(node.target, ast.Name):
                raise Refused("annotation of an attribute or item", node.lineno)
        elif isinstance(node, ast.AugAssign):
            self.do_augassign(node, env)
        elif isinstance(node, ast.Expr):
            self.evaluate(node.value, env)
        elif isinstance(node, ast.For):
            self.do_for(node, env)
        elif isinstance(node, ast.While):
            self.do_while(node, env)
        elif isinstance(node, ast.Break):
            raise _Break
        elif isinstance(node, ast.Continue):
            raise _Continue
        elif isinstance(node, ast.Assert):
            if not self.truth(self.evaluate(node.test, env), node):
                msg = () if node.msg is None else (self.evaluate(node.msg, env),)
                if msg and _text_size(msg[0]) > MAX_TEXT:
                    raise Limit("text size", node.lineno)
                self.fail(AssertionError(*msg), node)
        elif isinstance(node, ast.If):
            test = self.evaluate(node.test, env)
            try:
                taken = self.truth(test, node)
            except Refused as refused:
                self.only_prints(test, node, env, refused)
                return
            self.exec_block(node.body if taken else node.orelse, env)
        elif isinstance(node, ast.With):
            self.do_with(node, env)
        elif isinstance(node, ast.ClassDef):
            self.do_class(node, env)
        elif isinstance(node, ast.FunctionDef):
            self.check_function(node)
            env[node.name] = UserFunction(node, closure=None if env is self.globals else env)
        elif isinstance(node, ast.Return):
            raise _Return(self.evaluate(node.value, env) if node.value is not None else None)
        elif isinstance(node, ast.Pass):
            pass
        elif isinstance(node, ast.Try):
            self.do_try(node, env)
        elif isinstance(node, ast.Raise):
            self.do_raise(node, env)
        else:
            raise Refused(STATEMENT_NAMES.get(type(node), type(node).__name__), node.lineno)

    def do_try(self, node: ast.Try, env: dict) -> None:
        """try/except/else/finally over the errors torch and Python raise (never the checker's own
        refusals and limits: those stop the check, and no finally runs for them)."""
        try:
            try:
                self.exec_block(node.body, env)
            except UserError as err:
                for handler in node.handlers:
                    kinds = None if handler.type is None else self.evaluate(handler.type, env)
                    if kinds is None or isinstance(err.exc, pylib.exception_classes(kinds, handler)):
                        break
                else:
                    raise
                if handler.name:
                    self.check_name(handler.name, handler)
                    env[handler.name] = err.exc
                self.handling.append(err)
                try:
                    self.exec_block(handler.body, env)
                finally:
                    self.handling.pop()
            else:
                self.exec_block(node.orelse, env)
        except (Refused, Limit):
            raise
        except BaseException:
            self.exec_block(node.finalbody, env)
            raise
        self.exec_block(node.finalbody, env)

    def do_raise(self, node: ast.Raise, env: dict) -> None:
        if node.exc is None:
            if not self.handling:
                self.fail(RuntimeError("No active exception to reraise"), node)
            raise self.handling[-1]
        exc = self.evaluate(node.exc, env)
        if node.cause is not None:
            self.evaluate(node.cause, env)
        if isinstance(exc, pylib.ExceptionType):
            exc = exc.call(self, [], {}, node)
        if not isinstance(exc, BaseException):
            self.fail(TypeError("exceptions must derive from BaseException"), node)
        self.fail(exc, node)

    def do_import(self, node: ast.stmt, env: dict) -> None:
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "typing":
                    env[alias.asname or "typing"] = _TypeHint("typing")
                    continue
                ns = NAMESPACES.get(alias.name)
                if ns is None and not alias.name.split(".")[0] == "torch":
                    top = alias.name if alias.asname else alias.name.split(".")[0]
                    env[alias.asname or top] = pylib.opaque_module(top)  # os, tqdm, matplotlib...
                    continue
                if ns is None:
                    raise Refused(f"import {alias.name}", node.lineno)
                if alias.asname:
                    env[alias.asname] = ns
                else:  # 'import torch.nn' binds 'torch'
                    env[alias.name.split(".")[0]] = NAMESPACES[alias.name.split(".")[0]]
            return
        if node.module == "__future__" and not node.level:
            return  # annotations are never evaluated here; the other features are Python 3's own
        if node.module == "typing" and not node.level:
            for alias in node.names:
                if alias.name == "*":
                    raise Refused("from typing import *", node.lineno)
                self.check_name(alias.name, node)
                hint = False if alias.name == "TYPE_CHECKING" else _TypeHint(alias.name)
                env[alias.asname or alias.name] = hint
            return
        ns = NAMESPACES.get(node.module or "")
        if ns is None and not node.level and node.module and node.module.split(".")[0] != "torch":
            for alias in node.names:
                if alias.name == "*":
                    raise Refused(f"from {node.module} import *", node.lineno)
                env[alias.asname or alias.name] = pylib.opaque_module(f"{node.module}.{alias.name}")
            return
        if ns is None or node.level:
            raise Refused(f"from {node.module} import", node.lineno)
        for alias in node.names:
            if alias.name == "*" or alias.name not in ns.members:
                why = torchlib.denied(alias.name) if ns.name.startswith("torch") else None
                reason = f" (it reaches {why})" if why else ""
                raise Refused(f"from {node.module} import {alias.name}{reason}", node.lineno)
            env[alias.asname or alias.name] = ns.members[alias.name]

    def do_augassign(self, node: ast.AugAssign, env: dict) -> None:
        """``x += 1``, ``self.total += loss.item()``, ``out[t] += h``: the target is read once."""
        op = AUG_OPS.get(type(node.op))
        target = node.target
        if op is None:
            raise Refused("augmented assignment", node.lineno)
        if isinstance(target, ast.Name):
            current = self.load_name(target.id, env, node)
            self.assign(target, self.binop(op, current, self.evaluate(node.value, env), node), env, node)
        elif isinstance(target, ast.Attribute):
            obj = self.evaluate(target.value, env)
            current = self.attribute(obj, target.attr, target)
            new = self.binop(op, current, self.evaluate(node.value, env), node)
            self.set_attribute(obj, target, new, node)
        elif isinstance(target, ast.Subscript):
            obj = self.evaluate(target.value, env)
            index = self.evaluate(target.slice, env)
            current = self.get_item(obj, index, target)
            new = self.binop(op, current, self.evaluate(node.value, env), node)
            self.set_item(obj, index, new, target)
        else:
            raise Refused("augmented assignment", node.lineno)

    def iterate(self, value: Any, node: ast.AST) -> list:
        """The items a for loop, a comprehension or a starred argument goes over (bounded)."""
        if isinstance(value, torch.Tensor):
            if value.dim() == 0:
                self.fail(TypeError("iteration over a 0-d tensor"), node)
            return [value[i] for i in range(min(value.shape[0], MAX_ITERATIONS + 1))]
        if isinstance(value, _Generator):
            return value.take()
        if isinstance(value, _DataLoader) and isinstance(value.dataset, UserObject):
            return self.batches(value, node)
        if isinstance(value, _DataLoader) and value.shuffle and _has_real(list(value.dataset.tensors)):
            return self.shuffled_batches(value, node)
        if isinstance(
            value, (dict, str, nn.Sequential, nn.ModuleList, torch.Size, _DataLoader, set, frozenset)
        ):
            if len(value) > MAX_ITERATIONS:
                raise Limit("iterations", getattr(node, "lineno", self.line))
            return list(value)
        if isinstance(value, nplib.np.ndarray):
            if value.ndim and value.shape[0] > MAX_ITERATIONS:
                raise Limit("iterations", getattr(node, "lineno", self.line))
            return nplib.items(self, value, node)
        if isinstance(value, pylib.Opaque):
            raise self.needs(pylib.NeedsOpaque(value), node)
        if isinstance(value, _Value):
            raise Refused(VALUE_CONSTRUCT, getattr(node, "lineno", self.line))
        if not isinstance(value, (range, list, tuple, _Enumerate, _Zip)):
            raise Refused(f"for over {type(value).__name__}", getattr(node, "lineno", self.line))
        return value

    def do_while(self, node: ast.While, env: dict) -> None:
        count = 0
        while self.truth(self.evaluate(node.test, env), node):
            count += 1
            if count > MAX_ITERATIONS:
                raise Limit("iterations", node.lineno)
            self.tick(node)
            try:
                self.loops += 1
                self.exec_block(node.body, env)
            except _Break:
                return
            except _Continue:
                continue
            finally:
                self.loops -= 1
        if node.orelse:
            self.exec_block(node.orelse, env)

    def do_for(self, node: ast.For, env: dict) -> None:
        iterable = self.iterate(self.evaluate(node.iter, env), node)
        count = 0
        for item in iterable:
            count += 1
            if count > MAX_ITERATIONS:
                raise Limit("iterations", node.lineno)
            self.tick(node)
            self.assign(node.target, item, env, node)
            try:
                self.loops += 1
                self.exec_block(node.body, env)
            except _Break:
                return
            except _Continue:
                continue
            finally:
                self.loops -= 1
        if node.orelse:
            self.exec_block(node.orelse, env)

    def do_with(self, node: ast.With, env: dict) -> None:
        contexts = [self.evaluate(item.context_expr, env) for item in node.items]
        if all(isinstance(ctx, pylib.Opaque) for ctx in contexts):  # with open(path) as f: f is opaque
            for item, ctx in zip(node.items, contexts, strict=True):
                if item.optional_vars is not None:
                    self.assign(item.optional_vars, ctx, env, node)
            self.exec_block(node.body, env)  # an opaque context does nothing on entry and on exit
            return
        for item, ctx in zip(node.items, contexts, strict=True):
            if not isinstance(ctx, _NoGrad) or item.optional_vars is not None:
                raise Refused("with (other than torch.no_grad())", node.lineno)
        with torch.no_grad():  # as in torch: what is computed inside requires no grad
            self.exec_block(node.body, env)

    def do_class(self, node: ast.ClassDef, env: dict) -> None:
        bases = [self.evaluate(b, env) for b in node.bases]
        plain = not bases and not node.keywords and not node.decorator_list
        if not plain and (
            len(bases) != 1
            or bases[0] not in (nn.Module, DATASET, nn.ModuleList, nn.Sequential)
            or node.keywords
            or node.decorator_list
        ):
            raise Refused("class that is not a plain nn.Module subclass", node.lineno)
        container = bases[0] if bases and bases[0] in (nn.ModuleList, nn.Sequential) else None
        dataset = bool(bases) and bases[0] is DATASET
        methods: dict[str, ast.FunctionDef] = {}
        constants: dict[str, Any] = {}
        for item in node.body:
            if isinstance(item, ast.FunctionDef):
                self.check_function(item, method=True, dataset=dataset)
                methods[item.name] = item
                constants.pop(item.name, None)
            elif isinstance(item, (ast.Assign, ast.AnnAssign)) and all(
                isinstance(t, ast.Name) for t in _targets(item)
            ):
                # class-level constants (HIDDEN = 64): evaluated in order, read as self.HIDDEN
                self.tick(item)
                if item.value is None:
                    continue
                scope = collections.ChainMap(constants, env)
                value = self.evaluate(item.value, scope)
                for target in _targets(item):
                    self.check_name(target.id, target)
                    constants[target.id] = value
                    methods.pop(target.id, None)
            elif not isinstance(item, (ast.Pass, ast.Expr)) or (
                isinstance(item, ast.Expr) and not isinstance(item.value, ast.Constant)
            ):
                raise Refused("class body other than methods and constants", item.lineno)
        env[node.name] = UserClass(
            node.name, methods, node.lineno, constants, plain=plain, dataset=dataset, container=container
        )

    def check_function(self, node: ast.FunctionDef, method: bool = False, dataset: bool = False) -> None:
        if node.decorator_list:
            raise Refused("function with decorators", node.lineno)
        if node.name.startswith("__") and not (node.name in PLAIN_DUNDERS and (method or dataset)):
            raise Refused(f"method {node.name}", node.lineno)

    # --- assignment and unpacking ------------------------------------------------------------

    def assign(self, target: ast.expr, value: Any, env: dict, stmt: ast.stmt, record: bool = True) -> None:
        if isinstance(target, ast.Name):
            self.check_name(target.id, target)
            if isinstance(value, pylib.Opaque) and value.label != target.id:
                value = pylib.Opaque(target.id, value.why, value.source)
                value.named_at = stmt  # where a value typed for the name goes (form.bind_values)
            env[target.id] = value
            if record and isinstance(value, torch.Tensor) and len(self.steps) < MAX_STEPS:
                self.steps.append((stmt.lineno, target.id, tuple(value.shape)))
        elif isinstance(target, (ast.Tuple, ast.List)):
            prov = self.origin(value)
            self.check_state_unpack(target, value, prov, stmt)
            starred = [i for i, e in enumerate(target.elts) if isinstance(e, ast.Starred)]
            if starred:  # first, *rest = xs (the compiler allows one starred name)
                at = starred[0]
                n = len(target.elts) - 1
                items = self.unpack(value, None, stmt, at_least=n)
                rest = len(items) - n
                items = [*items[:at], list(items[at : at + rest]), *items[at + rest :]]
                elts = [e.value if isinstance(e, ast.Starred) else e for e in target.elts]
            else:
                items, elts = self.unpack(value, len(target.elts), stmt), target.elts
            for sub, item in zip(elts, items, strict=True):
                self.assign(sub, item, env, stmt, record)
        elif isinstance(target, ast.Attribute):
            obj = self.evaluate(target.value, env)
            self.set_attribute(obj, target, value, stmt)
            if record and isinstance(value, torch.Tensor) and len(self.steps) < MAX_STEPS:
                where = ast.get_source_segment(self.source, target) or target.attr
                self.steps.append((stmt.lineno, where, tuple(value.shape)))
        elif isinstance(target, ast.Subscript):
            obj = self.evaluate(target.value, env)
            self.set_item(obj, self.evaluate(target.slice, env), value, target)
        else:
            raise Refused(f"assignment to {type(target).__name__}", target.lineno)

    def set_attribute(self, obj: Any, target: ast.Attribute, value: Any, stmt: ast.AST) -> None:
        """``self.x = ...`` on the snippet's own objects; on a tensor only ``requires_grad``."""
        self.check_name(target.attr, target)
        if isinstance(obj, torch.Tensor) and target.attr == "requires_grad":
            self.guard(lambda: setattr(obj, "requires_grad", value), target)  # torch's own check
            return
        if isinstance(obj, pylib.Args):
            obj.set_attr(self, target.attr, value, stmt)
            return
        if isinstance(obj, pylib.Opaque):
            return  # an attribute of something not modelled: nothing happens here
        if isinstance(obj, nn.Module) and (
            isinstance(value, nn.Parameter) or (value is None and target.attr in obj._parameters)
        ):
            # emb.weight = nn.Parameter(pretrained): torch's own checks (a Parameter, or a tensor
            # where a parameter was, is refused by torch in its words)
            self.guard(lambda: setattr(obj, target.attr, value), target)
            return
        if isinstance(obj, nn.Module) and target.attr in obj._parameters and isinstance(value, torch.Tensor):
            # torch's TypeError, which names the tensor's CPU type (a stand-in's, so not meta's)
            self.guard(lambda: setattr(obj, target.attr, _standin(value)), target)
            raise Refused("a tensor set where a module has a parameter", target.lineno)
        if not isinstance(obj, UserObject):
            raise Refused("setting an attribute outside self", target.lineno)
        if isinstance(value, (nn.Module, UserObject)) and not obj.initialized:
            self.fail(AttributeError("cannot assign module before Module.__init__() call"), target)
        if isinstance(value, nn.Parameter) and not obj.initialized:
            self.fail(AttributeError("cannot assign parameters before Module.__init__() call"), target)
        if target.attr == "training":
            if type(value) is not bool:
                raise Refused("self.training set to something other than True or False", target.lineno)
            obj.training = value
            return
        obj.attrs[target.attr] = value

    def get_item(self, obj: Any, index: Any, node: ast.AST) -> Any:
        """``obj[index]`` for tensors, sequences, dicts and module containers."""
        if isinstance(obj, pylib.Opaque):
            return obj.derived("[...]")
        if isinstance(obj, nplib.np.ndarray):
            return nplib.get_item(self, obj, index, node)
        if isinstance(obj, UserObject) and "__getitem__" in obj.cls.methods:
            return self.call_user(UserFunction(obj.cls.methods["__getitem__"], obj), [index], {}, node)
        if isinstance(index, pylib.Opaque) and not isinstance(obj, torch.Tensor):
            return index.derived("")  # an item picked by a value not known here: not known either
        if isinstance(obj, (list, tuple, str, dict)) and self.unknown_number(index):
            return self.unknown_item(obj, node)
        if isinstance(obj, torch.Tensor) and pylib.holds_drawn(index):
            raise Refused(pylib.DRAWN_CONSTRUCT, node.lineno)
        if isinstance(obj, torch.Tensor) and any(
            isinstance(p, torch.Tensor) for p in (index if isinstance(index, tuple) else (index,))
        ):
            return self.tensor_index(obj, index, node)
        if isinstance(index, torch.Tensor):
            raise Refused("indexing with a tensor", node.lineno)
        if isinstance(index, _Value) and type(obj) in (list, tuple, str):
            return self.pick(obj, index, node)
        if isinstance(obj, UserObject) and obj.cls.dataset and "__getitem__" in obj.cls.methods:
            getitem = UserFunction(obj.cls.methods["__getitem__"], obj)
            return self.call_user(getitem, [index], {}, node)
        if _holds_value(index):
            raise Refused(VALUE_CONSTRUCT, node.lineno)
        if not isinstance(
            obj, (torch.Tensor, tuple, list, torch.Size, str, dict, nn.Sequential, nn.ModuleList)
        ):
            raise Refused(f"indexing a {type(obj).__name__}", node.lineno)
        if isinstance(obj, torch.Tensor):
            self.check_last_step(obj, index, node)
        if type(obj) is dict:  # hashing the key walks its shared parts each time
            self.check_hash(index, node)
        return self.guard(lambda: obj[index], node, CallInfo("index", None, (obj, index), {}, node))

    def unknown_number(self, index: Any) -> bool:
        """A meta tensor's number (``idx.item()``, one element of ``idx``): the real run has it."""
        if isinstance(index, _Value):
            return index.kind is not float
        return (
            isinstance(index, torch.Tensor)
            and index.device.type == "meta"
            and index.numel() == 1
            and not index.is_floating_point()
        )

    def unknown_item(self, obj: Any, node: ast.AST) -> pylib.Opaque:
        """``idx2char[idx.item()]``: the item is not known here; that the index is in range is
        assumed (said as a finding), as an item picked from real data would be."""
        where = ast.get_source_segment(self.source, node) or "an item"
        self.finding("unknown_index", node.lineno, expr=where, size=len(obj))
        return pylib.Opaque(where, "picked")

    def own_data(self, value: Any, builtin: str, node: ast.AST) -> Any:
        """What a builtin sees of the snippet's own Dataset (``len``) or of a DataLoader over one (its
        batches, built here, for ``enumerate(loader)``); anything else as it is."""
        if isinstance(value, UserObject) and value.cls.dataset and builtin == "len":
            return range(self.dataset_len(value, node))  # len() of it is the count __len__ gave
        if isinstance(value, _DataLoader) and isinstance(value.dataset, UserObject) and builtin != "len":
            return self.batches(value, node)
        return value

    def dataset_len(self, obj: UserObject, node: ast.AST) -> int:
        """``len(dataset)`` of the snippet's own Dataset: its ``__len__``, which must give an int."""
        method = obj.cls.methods.get("__len__")
        if method is None:
            self.fail(TypeError(f"object of type '{obj.cls.name}' has no len()"), node)
        n = self.call_user(UserFunction(method, obj), [], {}, node)
        if type(n) is not int or n < 0:
            raise Refused("a __len__ that does not give a count", getattr(node, "lineno", self.line))
        return n

    def ranged(self, values: Any) -> bool:
        """Whether an integer tensor known by its range only is among these values (2 deep); once
        a shuffled loader gave integers, any integer tensor on meta (``yb - 1`` has no range: refused)."""
        for v in values:
            for t in v.values() if isinstance(v, dict) else v if isinstance(v, (list, tuple)) else [v]:
                if not isinstance(t, torch.Tensor) or t.device.type != "meta":
                    continue
                if id(t) in self.ranges:
                    return True
                integer = not (t.is_floating_point() or t.is_complex() or t.dtype == torch.bool)
                if integer and self.shuffled_integers:
                    return True
        return False

    def shuffled_batches(self, loader: _DataLoader, node: ast.AST) -> list:
        """A shuffled DataLoader over a TensorDataset: which rows go together only the real run
        knows (its random order), but each batch's shapes and dtypes do not depend on it. Its
        tensors are carried on meta, their values unknown here as any meta tensor's; integers keep
        the range of the dataset's values, so a check that reads them as indices knows their bounds."""
        if len(loader) > MAX_ITERATIONS:
            raise Limit("iterations", getattr(node, "lineno", self.line))
        spans = []
        for t in loader.dataset.tensors:
            integer = not (t.is_floating_point() or t.is_complex() or t.dtype == torch.bool)
            if integer and t.device.type != "meta":
                self.shuffled_integers = True  # see ranged(): none of them is assumed in bounds
            whole = t.device.type != "meta" and t.numel() and t.dtype in (torch.int64, torch.int32)
            spans.append((int(t.min()), int(t.max()), False) if whole else None)
        out = []
        for start in range(0, len(loader) * loader.batch_size, loader.batch_size):
            rows = min(loader.batch_size, loader.n - start)
            batch = []
            for t, span in zip(loader.dataset.tensors, spans, strict=True):
                b = torch.empty((rows, *t.shape[1:]), dtype=t.dtype, device="meta")
                if span is not None:
                    self.keep.append(b)
                    self.ranges[id(b)] = span
                batch.append(b)
            out.append(batch)
        return out

    def batches(self, loader: _DataLoader, node: ast.AST) -> list:
        """The batches of a DataLoader over the snippet's own Dataset: ``__getitem__`` for each
        index in turn, put together by torch's own ``default_collate`` (tensors stacked, numbers
        made tensors, strings listed), the smaller last batch included unless ``drop_last``. When
        shuffled, the rows must not tell apart (tensors on meta of one shape each): otherwise which
        rows go together would change the answer, and the loader is refused."""
        if len(loader) > MAX_ITERATIONS:
            raise Limit("iterations", getattr(node, "lineno", self.line))
        getitem = loader.dataset.cls.methods.get("__getitem__")
        if getitem is None:
            raise Refused("a Dataset without __getitem__", getattr(node, "lineno", self.line))
        out, key = [], None
        for start in range(0, len(loader) * loader.batch_size, loader.batch_size):
            rows = []
            for i in range(start, min(start + loader.batch_size, loader.n)):
                self.tick(node)
                row = _numpy_row(self.call_user(UserFunction(getitem, loader.dataset), [i], {}, node))
                if not _plain(row) or _holds_value(row):
                    raise Refused("a Dataset item other than tensors, numbers and strings", node.lineno)
                if loader.shuffle:
                    try:
                        row_key = _call_key(row)
                    except _NoKey:
                        row_key = None
                    if row_key is None or (key is not None and row_key != key) or not _has_meta(row):
                        raise Refused("a shuffled DataLoader whose rows differ", node.lineno)
                    key = row_key
                rows.append(row)
            info = CallInfo("python", "default_collate", (rows,), {}, node)
            batch = self.guard(lambda rows=rows: default_collate(rows), node, info)
            self.check_weight(batch, node, add=True)
            out.append(_floats_to_meta(batch))
        return out

    def pick(self, seq: Any, index: _Value, node: ast.AST) -> Any:
        """``chars[i]`` with ``i`` a number known by its range only (``idx.item()`` of argmax's
        indices): in bounds for every value of the range, the item is that one item if all of them
        are the same, else a value of their kind, unknown as ``i`` is; otherwise refused."""
        if index.kind is not int or index.span is None:
            raise Refused(VALUE_CONSTRUCT, node.lineno)
        lo, hi = index.span
        if not 0 <= lo <= hi < len(seq):
            raise Refused(VALUE_CONSTRUCT, node.lineno)
        items = seq[lo : hi + 1]
        first = items[0]
        if all(type(v) is type(first) and v == first for v in items) and type(first) in (
            str,
            int,
            float,
            bool,
        ):
            return first
        kinds = {type(v) for v in items}
        if len(kinds) == 1 and kinds <= {str, int, float, bool}:
            return _Value(kinds.pop())
        raise Refused(VALUE_CONSTRUCT, node.lineno)

    def tensor_index(self, obj: torch.Tensor, index: Any, node: ast.AST) -> Any:
        """``x[idx]``, ``x[:, idx]``, ``x[mask]`` with tensors in the index.

        torch checks indices against sizes on real data only, so the check is made on a stand-in
        (one real zero expanded to ``x``'s shape) with the real indices, or, for indices known by
        their range only (torch.sort's), with each end of the range (see check_indices). The result
        is computed on meta for integer indices; a real mask's result takes the stand-in's shape.
        """
        parts = index if isinstance(index, tuple) else (index,)
        info = CallInfo("index", None, (obj, index), {}, node)
        plain = (int, slice, type(None), type(Ellipsis), torch.Tensor)
        if not all(isinstance(p, plain) for p in parts) or not _plain(list(parts)):
            raise Refused("indexing with a tensor and these values", node.lineno)
        tensors = [p for p in parts if isinstance(p, torch.Tensor)]
        unknown = [t for t in tensors if t.device.type == "meta"]
        if any(t.dtype == torch.bool for t in unknown) or len(unknown) > 1:
            raise Refused("indexing with a tensor whose values only real data has", node.lineno)
        if unknown and id(unknown[0]) not in self.ranges:
            raise Refused("indexing with a tensor whose values only real data has", node.lineno)
        if obj.device.type != "meta" and not unknown:  # real data indexed by real data
            self.preflight(
                lambda t, *i: t[tuple(i) if isinstance(index, tuple) else i[0]], [obj, *parts], {}, node
            )
            return self.guard(lambda: obj[index], node, info)
        if any(t.dtype == torch.bool for t in tensors):
            size = obj.numel()  # a mask picks some of the elements
        else:  # integer indices: the result's shape, on meta
            meta = tuple(_to_meta(p) for p in parts)
            try:
                size = _to_meta(obj)[meta if isinstance(index, tuple) else meta[0]].numel()
            except Exception:  # noqa: BLE001 - the stand-in raises torch's own error below
                size = 0
        if size > MAX_REAL_RESULT:
            raise Limit("data size", node.lineno)

        def attempt(value: int | None) -> tuple[Any, Exception | None]:
            def real(p: Any) -> Any:
                if unknown and p is unknown[0]:
                    return torch.full(p.shape, value, dtype=p.dtype)
                return p

            picked = tuple(real(p) for p in parts)
            try:
                out = _standin(obj)[picked if isinstance(index, tuple) else picked[0]]
            except Exception as exc:  # noqa: BLE001
                return None, exc
            return out, None

        if unknown:
            lo, hi, appears = self.ranges[id(unknown[0])]
            (low, low_exc), (_, high_exc) = attempt(lo), attempt(hi)
            if low_exc is None and high_exc is not None:
                below = attempt(hi - 1)[1] if hi - 1 > lo else None
                if appears and below is None:
                    raise UserError(high_exc, node.lineno, info)
                raise Refused("indexing with a tensor whose values only real data has", node.lineno)
            if low_exc is not None or high_exc is not None:
                raise Refused("indexing with a tensor whose values only real data has", node.lineno)
            out = low
        else:
            out, exc = attempt(None)
            if exc is not None:
                raise UserError(exc, node.lineno, info)
        self.real_elements += out.numel()
        if self.real_elements > MAX_REAL_ELEMENTS:
            raise Limit("data size", node.lineno)
        result = torch.empty(out.shape, dtype=obj.dtype, device="meta")
        if obj.requires_grad:
            result.requires_grad_(True)
        if unknown and not (result.is_floating_point() or result.is_complex()) and id(obj) in self.ranges:
            lo2, hi2, _ = self.ranges[id(obj)]
            self.keep.append(result)
            self.ranges[id(result)] = (lo2, hi2, False)
        return result

    def set_item(self, obj: Any, index: Any, value: Any, node: ast.AST) -> None:
        """``out[t] = h``, ``xs[i] = v``, ``d[k] = v``: torch's (or Python's) own checks decide."""
        if isinstance(obj, nplib.np.ndarray):
            return nplib.set_item(self, obj, index, value, node)
        if isinstance(obj, pylib.Opaque):
            return None  # stored into something not modelled: nothing happens here
        if isinstance(index, pylib.Opaque):
            raise self.needs(pylib.NeedsOpaque(index), node)
        if isinstance(index, torch.Tensor):
            raise Refused("indexing with a tensor", node.lineno)
        if _holds_value(index):
            raise Refused(VALUE_CONSTRUCT, node.lineno)
        if isinstance(obj, torch.Tensor):
            if isinstance(value, _Value):
                value = value.standin  # the number is unknown, its kind (and so the dtype rules) is not
            if not isinstance(value, (torch.Tensor, int, float, bool)):
                raise Refused(f"storing a {type(value).__name__} into a tensor", node.lineno)
            if obj.device.type != "meta" and isinstance(value, torch.Tensor) and value.device.type == "meta":
                raise Refused("computed values stored into data written in the snippet", node.lineno)
            if isinstance(value, torch.Tensor) and obj.device.type == "meta":
                value = _to_meta(value)
            info = CallInfo("python", "setitem", (obj, value), {}, node)

            def store(t: torch.Tensor, v: Any) -> None:
                t[index] = v

            try:
                store(obj, value)
            except Exception as exc:  # noqa: BLE001 - torch's CPU wording, as for any meta failure
                if obj.device.type != "meta":
                    raise UserError(exc, node.lineno, info) from None
                self.rerun_real(lambda: store, [obj, value], {}, exc, node, info, standin=store)
            self.record_graph(obj, value)
            return
        if isinstance(obj, list) or type(obj) is dict:
            if type(obj) is dict and not isinstance(index, (str, int, float, bool, type(None), tuple)):
                raise Refused(f"a {type(index).__name__} as a dict key", node.lineno)
            if type(obj) is dict:  # hashing the key walks its shared parts each time
                self.check_hash(index, node)
            if type(obj) is dict and index not in obj and len(obj) >= 100_000:
                raise Limit("list length", node.lineno)
            self.check_weight([value], node, add=True)
            self.guard(lambda: obj.__setitem__(index, value), node)
            return
        if isinstance(obj, (tuple, str, torch.Size)):
            name = "torch.Size" if isinstance(obj, torch.Size) else type(obj).__name__
            self.fail(TypeError(f"'{name}' object does not support item assignment"), node)
        raise Refused(f"assignment to an item of a {type(obj).__name__}", node.lineno)

    def unpack(self, value: Any, n: int | None, node: ast.AST, at_least: int = 0) -> list:
        """The items of ``a, b = value`` (``n`` of them), or all of them (``n`` None, a starred target)."""
        if isinstance(value, _Generator):
            value = value.take()
        elif type(value) is dict:
            value = list(value)
        if isinstance(value, pylib.Opaque):  # rows, cols = df.shape: items as unknown as it is
            if n is None:
                raise self.needs(pylib.NeedsOpaque(value), node)
            return [value.derived(f"[{i}]") for i in range(n)]
        if n is None:
            if isinstance(value, torch.Tensor) and value.dim() > 0 and value.shape[0] > MAX_ITERATIONS:
                raise Limit("iterations", node.lineno)
            if isinstance(value, (list, tuple, str)) and len(value) > 100_000:
                raise Limit("list length", node.lineno)
            if isinstance(value, str):
                value = list(value)
            count = len(value) if isinstance(value, (tuple, list, torch.Size)) else None
            if isinstance(value, torch.Tensor) and value.dim() > 0:
                count = value.shape[0]
            if count is not None and count < at_least:
                self.fail(
                    ValueError(f"not enough values to unpack (expected at least {at_least}, got {count})"),
                    node,
                )
            if count is None and not isinstance(value, torch.Tensor):
                kind = value.kind.__name__ if isinstance(value, _Value) else type(value).__name__
                self.fail(TypeError(f"cannot unpack non-iterable {kind} object"), node)
            return self.unpack(value, count, node) if count is not None else self.unpack(value, 0, node)
        if isinstance(value, torch.Tensor):
            if value.dim() == 0:
                self.fail(TypeError("iteration over a 0-d tensor"), node)
            items = [value[i] for i in range(min(value.shape[0], n + 1))]
            count = value.shape[0]
        elif isinstance(value, (tuple, list, torch.Size)):
            items, count = list(value), len(value)
        elif isinstance(value, rnn_utils.PackedSequence):
            items, count = list(value), len(value)
        elif isinstance(value, str):
            if len(value) > 100_000:
                raise Limit("list length", node.lineno)
            items, count = list(value), len(value)
        else:
            kind = value.kind.__name__ if isinstance(value, _Value) else type(value).__name__
            self.fail(TypeError(f"cannot unpack non-iterable {kind} object"), node)
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
            return tuple(self.elements(node.elts, env))
        if isinstance(node, ast.List):
            return self.elements(node.elts, env)
        if isinstance(node, ast.Dict):
            return self.dict_display(node, env)
        if isinstance(node, (ast.ListComp, ast.GeneratorExp, ast.DictComp)):
            return self.comprehension(node, env)
        if isinstance(node, (ast.Set, ast.SetComp)):  # {a, b}, {w for w in words}
            items = self.elements(node.elts, env) if isinstance(node, ast.Set) else None
            if items is None:
                items = self.comprehension(ast.ListComp(node.elt, node.generators, lineno=node.lineno), env)
            return pylib.BUILTINS["set"].fn(self, [items], {}, node)
        if isinstance(node, ast.Lambda):  # a function of one expression, as def would make it
            body = [ast.Return(node.body, lineno=node.lineno, col_offset=node.col_offset)]
            fn = ast.FunctionDef(
                "<lambda>", node.args, body, [], lineno=node.lineno, col_offset=node.col_offset
            )
            if node.args.vararg or node.args.kwarg or node.args.kwonlyargs:
                raise Refused("lambda with *args or **kwargs", node.lineno)
            return UserFunction(fn, closure=None if env is self.globals else env)
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
                if not isinstance(op, (ast.Is, ast.IsNot)):
                    # comparing walks both sides, shared parts each time they appear: 30 doublings
                    # of [a, a] are a billion elements in a few bytes, one C call of many seconds
                    self.check_weight([left, right], node)
                if isinstance(op, (ast.Is, ast.IsNot)) and (
                    isinstance(left, pylib.TypeOf) or isinstance(right, pylib.TypeOf)
                ):  # a class is one object: `type(x) is int` is `type(x) == int`
                    op = ast.Eq() if isinstance(op, ast.Is) else ast.NotEq()
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
            test = self.evaluate(node.test, env)
            try:
                taken = self.truth(test, node)
            except Refused as refused:
                return self.either(test, node, env, refused)
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

    def only_prints(self, test: Any, node: ast.If, env: dict, refused: Refused) -> None:
        """``if pred == target: print('right') else: print('wrong')`` with the test known only to the
        real run: where both branches only print plain expressions, neither changes anything but
        the output, so the run goes on; each print's arguments are evaluated (a branch whose
        arguments fail here keeps the refusal, as that branch may be the one taken)."""
        unknown = isinstance(test, (pylib.Opaque, _Value)) or (
            isinstance(test, torch.Tensor) and test.device.type == "meta" and test.numel() == 1
        )

        def printing(stmt: ast.stmt) -> bool:
            if isinstance(stmt, ast.Pass):
                return True
            call = stmt.value if isinstance(stmt, ast.Expr) else None
            return (
                isinstance(call, ast.Call)
                and isinstance(call.func, ast.Name)
                and call.func.id == "print"
                and "print" not in env
                and "print" not in self.globals
                and all(
                    isinstance(n, PLAIN_EXPR + (ast.keyword, ast.Starred))
                    for a in call.args + call.keywords
                    for n in ast.walk(a)
                )
                and not any(isinstance(a, ast.Starred) for a in call.args)
            )

        appends = [self.unknown_append(stmt, env) for stmt in node.body + node.orelse]
        if not unknown or not all(
            printing(stmt) or name for stmt, name in zip(node.body + node.orelse, appends, strict=True)
        ):
            raise refused
        try:
            for stmt in node.body + node.orelse:
                if isinstance(stmt, ast.Expr):
                    self.arguments(stmt.value, env)
        except (UserError, Limit, Refused):
            raise refused from None
        for name in filter(None, appends):  # appended to or not: its items are the real run's
            if not isinstance(env[name], pylib.Opaque):
                env[name] = pylib.Opaque(name, "picked")

    def unknown_append(self, stmt: ast.stmt, env: dict) -> str | None:
        """For a branch only the real run can decide: the list ``name`` of ``name.append(plain)``,
        when nothing else can see that list, so that what follows reads it as a value not known
        here (``print(output)`` prints a stand-in; ``len(output)`` in a shape is refused). A list
        also held by another name, a container or an object is not: it would keep items the real
        run may not have. None otherwise."""
        call = stmt.value if isinstance(stmt, ast.Expr) else None
        if not (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute)
            and call.func.attr == "append"
            and isinstance(call.func.value, ast.Name)
            and len(call.args) == 1
            and not call.keywords
            and all(isinstance(n, PLAIN_EXPR) for n in ast.walk(call.args[0]))
        ):
            return None
        name = call.func.value.id
        if env is not self.globals:  # in a function the list may be the caller's, seen by its names
            return None
        target = env.get(name)
        if isinstance(target, pylib.Opaque) and target.label == name and target.why == "picked":
            return name  # made unknown by this branch on an earlier pass
        if type(target) is not list:
            return None
        seen = _references(list(env.values()), target)
        return name if seen == 1 else None

    def either(self, test: Any, node: ast.IfExp, env: dict, refused: Refused) -> Any:
        """``a if c else b`` with ``c`` a value only the real run has (``'✓' if guess == category
        else '✗'``): where both arms are plain expressions (names, constants, arithmetic, formatting:
        nothing they evaluate changes anything), both are evaluated; the same plain value from both
        is the answer, else a value not known here, picked by ``c`` (a print shows a stand-in, a
        shape that needs it is refused). An arm that fails here keeps the refusal."""
        unknown = isinstance(test, (pylib.Opaque, _Value)) or (
            isinstance(test, torch.Tensor) and test.device.type == "meta" and test.numel() == 1
        )
        arms = (node.body, node.orelse)
        if not unknown or not all(isinstance(n, PLAIN_EXPR) for arm in arms for n in ast.walk(arm)):
            raise refused
        try:
            values = [self.evaluate(arm, env) for arm in arms]
        except (UserError, Limit, Refused):
            raise refused from None
        first, second = values
        if (
            type(first) is type(second)
            and type(first) in (str, int, float, bool, type(None))
            and first == second
        ):
            return first
        return pylib.Opaque(ast.unparse(node)[:60], "picked")

    def elements(self, elts: list[ast.expr], env: dict) -> list:
        """The items of a list or tuple display, or of a call's positional arguments: ``*xs`` spread."""
        items: list = []
        for e in elts:
            if isinstance(e, ast.Starred):
                value = self.evaluate(e.value, env)
                iterable = (
                    torch.Tensor,
                    list,
                    tuple,
                    range,
                    str,
                    dict,
                    torch.Size,
                    _Generator,
                    _Enumerate,
                    _Zip,
                    set,
                    frozenset,
                    nplib.np.ndarray,
                )
                if isinstance(value, pylib.Opaque):
                    raise self.needs(pylib.NeedsOpaque(value), e)
                if not isinstance(value, iterable):
                    raise Refused(f"*{type(value).__name__}", e.lineno)
                spread = self.iterate(value, e)
                if len(spread) > MAX_ITERATIONS:
                    raise Limit("iterations", e.lineno)
                items.extend(spread)
            else:
                items.append(self.evaluate(e, env))
        if len(items) > MAX_ITERATIONS:
            self.check_weight(items, elts[0])
        return items

    def dict_display(self, node: ast.Dict, env: dict) -> dict:
        result: dict = {}
        for key_node, value_node in zip(node.keys, node.values, strict=True):
            if key_node is None:  # {**other}
                other = self.evaluate(value_node, env)
                if type(other) is not dict:
                    raise Refused(f"**{type(other).__name__} in a dict", node.lineno)
                result.update(other)
                continue
            key = self.evaluate(key_node, env)
            if not isinstance(key, (str, int, float, bool, type(None))) or isinstance(key, _Value):
                raise Refused(f"a {type(key).__name__} as a dict key", node.lineno)
            result[key] = self.evaluate(value_node, env)
        self.check_weight(result, node, add=True)
        return result

    def comprehension(self, node: ast.expr, env: dict) -> Any:
        """A list, dict or generator comprehension: a loop of its own (bounded), in a scope of its own.

        A generator expression is computed when it is made (bounded like a loop) and then yields
        its items once: the same items, in the same order, as Python's lazy one.
        """
        scope = collections.ChainMap({}, env)  # its names stay inside it, as in Python 3
        out: list = []

        def run(generators: list[ast.comprehension]) -> None:
            if not generators:
                self.tick(node)
                if isinstance(node, ast.DictComp):
                    key = self.evaluate(node.key, scope)
                    if not isinstance(key, (str, int, float, bool, type(None))) or isinstance(key, _Value):
                        raise Refused(f"a {type(key).__name__} as a dict key", node.lineno)
                    out.append((key, self.evaluate(node.value, scope)))
                else:
                    out.append(self.evaluate(node.elt, scope))
                if len(out) > MAX_ITERATIONS:
                    raise Limit("iterations", node.lineno)
                return
            gen = generators[0]
            if gen.is_async:
                raise Refused("async comprehension", node.lineno)
            first = generators is node.generators and items is not _UNSET
            for item in self.iterate(items if first else self.evaluate(gen.iter, scope), node):
                self.tick(node)
                self.assign(gen.target, item, scope, node, record=False)
                if all(self.truth(self.evaluate(cond, scope), node) for cond in gen.ifs):
                    run(generators[1:])

        items: Any = _UNSET  # the first iterable, when evaluated before the loop
        if not node.generators[0].is_async and self.plain_comprehension(node):
            items = self.evaluate(node.generators[0].iter, scope)
            if isinstance(items, pylib.Opaque):  # {ch: i for i, ch in enumerate(chars)}, chars opaque:
                where = ast.get_source_segment(self.source, node) or "comprehension"  # as unknown
                return pylib.Opaque(" ".join(where.split())[:60], items.why, items.source)
        run(node.generators)
        self.check_weight(out, node, add=True)
        if isinstance(node, ast.DictComp):
            return dict(out)
        return _Generator(out) if isinstance(node, ast.GeneratorExp) else out

    @staticmethod
    def plain_comprehension(node: ast.expr) -> bool:
        """No calls, lambdas or walruses past its first iterable: over an opaque iterable its result
        is as unknown as the iterable, and nothing in it could fail but on the unknown values."""
        parts = [node.elt] if hasattr(node, "elt") else [node.key, node.value]
        parts += [*node.generators[0].ifs, node.generators[0].target]
        for gen in node.generators[1:]:
            parts += [gen.iter, gen.target, *gen.ifs]
        allowed = PLAIN_EXPR + (
            ast.Subscript,
            ast.Attribute,
            ast.Slice,
            ast.Store,
            ast.List,
            ast.Dict,
            ast.Set,
            ast.Compare,
            ast.cmpop,
            ast.BoolOp,
            ast.boolop,
            ast.IfExp,
        )
        return all(isinstance(n, allowed) for part in parts for n in ast.walk(part))

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
        if isinstance(value, _Value):
            raise Refused(VALUE_CONSTRUCT, getattr(node, "lineno", self.line))
        if isinstance(value, UserObject) and value.cls.container is not None:  # its len() decides
            raise Refused("the truth of a module container", getattr(node, "lineno", self.line))
        if isinstance(value, torch.Tensor) and value.device.type == "meta" and value.numel() == 1:
            # the branch depends on a number the meta device does not have
            raise Refused("a branch on a tensor's value", getattr(node, "lineno", self.line))
        if isinstance(value, torch.Tensor) and value.device.type == "meta":
            # no value or more than one: torch's own 'ambiguous' error, which depends on the shape
            # alone, so a stride-0 stand-in (one real number) raises it without the real size
            value = torch.zeros((), dtype=value.dtype).expand(value.shape)
        return self.guard(lambda: bool(value), node)

    def binop(self, op, left: Any, right: Any, node: ast.AST) -> Any:
        if isinstance(left, (torch.Tensor, nplib.np.ndarray)) or isinstance(
            right, (torch.Tensor, nplib.np.ndarray)
        ):
            self.charge(node)  # x + y is a torch call (~250 us measured on meta), not a statement's cost
        for side in (left, right):
            if isinstance(side, pylib.Opaque):
                if isinstance(left, torch.Tensor) or isinstance(right, torch.Tensor):
                    raise self.needs(pylib.NeedsOpaque(side), node)
                return side
        if (
            op in (operator.mod, operator.imod)
            and isinstance(left, str)
            and pylib.holds_opaque(right) is not None
        ):
            return pylib.holds_opaque(right)  # the text is not known; its formatting is not checked
        if op in (operator.mod, operator.imod) and isinstance(left, str) and _holds_value(right):
            # '%.3f' % loss.item(): formatted with a number of the same kind, for Python's own checks
            # (a type error depends on the kind alone); the text itself is not known here
            standins = _map_values(right)
            self.binop(op, left, standins, node)
            where = ast.get_source_segment(self.source, node) or "the text"
            return pylib.Opaque(where, "picked")
        if isinstance(left, nplib.np.ndarray) or isinstance(right, nplib.np.ndarray):
            return nplib.binop(self, op, left, right, node)
        if isinstance(left, torch.Tensor) and isinstance(right, _Value):
            right = right.standin  # x * loss.item(): the shape and dtype follow from the number's kind
        elif isinstance(right, torch.Tensor) and isinstance(left, _Value):
            left = left.standin
        elif isinstance(left, _Value) or isinstance(right, _Value):
            other = right if isinstance(left, _Value) else left
            if not isinstance(other, (int, float, _Value)):  # 'a' * n, [..] + n: would need the number
                raise Refused(VALUE_CONSTRUCT, getattr(node, "lineno", self.line))
            return self.guard(lambda: op(left, right), node)
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
            self.record_graph(result, [left, right])
        else:
            result = self.guard(lambda: op(left, right), node)
        if isinstance(result, (int, float)) and not isinstance(result, bool) and abs(result) > 1e15:
            raise Limit("number size", node.lineno)
        if isinstance(result, (str, list, tuple)):
            self.check_weight(result, node, add=True)
        return result

    def tensor_op(
        self, fn, args: list, kwargs: dict, node: ast.AST, info: CallInfo, name: str | None = None
    ) -> Any:
        """A torch function over tensors. On real data only (integer lengths, positions) it is
        computed for real, bounded; otherwise on meta, and a failure repeated on the CPU for
        torch's own words (on stand-ins past the bound on real numbers).

        ``name`` (torch's own name of a function taken from its namespace, see torchlib) makes it
        strict: where meta has no kernel, a success on the CPU's zeros is not trusted (``nonzero``'s
        shape depends on the numbers), and an index checked by torch on real data only is
        checked against the real data or the known range of the indices first.
        """
        values = [args, list(kwargs.values())]
        if _has_real(values) and not _has_meta(values):
            self.preflight(fn, list(args), kwargs, node, strict=name is not None)
            result = self.guard(lambda: fn(*args, **kwargs), node, info)
            self.real_elements += _count_elements(result)
            if self.real_elements > MAX_REAL_ELEMENTS:
                raise Limit("data size", node.lineno)
            return _floats_to_meta(result)
        if name in torchlib.INDEXING or (name in RANGE_CHECKED and self.ranged(values)):
            self.check_indices(fn, args, kwargs, node, info)
        try:
            with torch.device("meta"):  # a factory (torch.eye(10**6)) allocates nothing
                result = fn(*_to_meta(tuple(args)), **{k: _to_meta(v) for k, v in kwargs.items()})
        except Exception as exc:  # noqa: BLE001
            return self.rerun_real(lambda: fn, args, kwargs, exc, node, info, standin=fn, trust=name is None)
        self.derive(result, [a for a in args if isinstance(a, torch.Tensor)], node)
        self.record_graph(result, [list(args), list(kwargs.values())])
        if name is not None:
            self.note_ranges(name, args[0] if args else kwargs.get("input"), args[1:], kwargs, result)
        return result

    def value_function(self, name: str, args: list, kwargs: dict, node: ast.AST, info: CallInfo) -> Any:
        """torch.allclose(a, b) on meta: torch's shape checks (those of isclose), then a bool that
        only the numbers decide (unknown here, as a meta tensor's .item())."""
        check = VALUE_FUNCTIONS[name]
        if check is not None:
            self.tensor_op(getattr(torch, check), args, kwargs, node, info, name=check)
        elif name == "is_nonzero":
            self.guard(lambda: _standin(_to_meta(args[0])).bool(), node, info)  # numel() != 1: torch's words
        return _Value(bool)

    def note_ranges(self, name: str, source: Any, args: Any, kwargs: dict, result: Any) -> None:
        """Remember the range of the integers torch.sort / argmax / ... computed on meta, and keep
        it through what only moves them (view, permute, .long(), ...)."""
        for t, span in torchlib.index_ranges(name, source, tuple(args), kwargs, result):
            self.keep.append(t)
            self.ranges[id(t)] = span
        if name in torchlib.KEEPS_VALUES and isinstance(source, torch.Tensor) and id(source) in self.ranges:
            if isinstance(result, torch.Tensor) and not result.is_floating_point():
                self.keep.append(result)
                self.ranges[id(result)] = self.ranges[id(source)]

    def check_indices(self, fn, args: list, kwargs: dict, node: ast.AST, info: CallInfo) -> None:
        """index_select, gather, ...: torch checks the indices against the sizes on real data
        only. They are checked here on real zeros, the indices being the real ones or, for indices
        known by their range only, its ends: both ends in bounds, all are; the top end out of
        bounds while it appears and the one below is in, torch's error is certain, with its words.
        Anything else is not known without the numbers: refused."""
        leaves = [a for a in [*args, *kwargs.values()] if isinstance(a, torch.Tensor)]
        unknown = [
            t
            for t in leaves
            if t.device.type == "meta"
            and not (t.is_floating_point() or t.is_complex() or t.dtype == torch.bool)
        ]
        if not unknown and not _has_real(leaves):
            return
        if any(id(t) not in self.ranges for t in unknown):
            raise Refused("indices whose values only real data has", node.lineno)
        if len(unknown) > 1:
            raise Refused("indices whose values only real data has", node.lineno)
        size = sum(t.numel() for t in leaves if t.device.type == "meta")
        if self.real_elements + size > MAX_REAL_ELEMENTS:
            raise Limit("data size", node.lineno)
        self.real_elements += size

        def attempt(value: int | None) -> Exception | None:
            def real(t: Any) -> Any:
                if unknown and t is unknown[0]:
                    return torch.full(t.shape, value, dtype=t.dtype)
                return _to_real(t)

            try:
                with torch.no_grad():
                    fn(*[real(a) for a in args], **{k: real(v) for k, v in kwargs.items()})
            except Exception as exc:  # noqa: BLE001
                return exc
            return None

        if not unknown:
            exc = attempt(None)
            if exc is not None:
                raise UserError(exc, node.lineno, info)
            return
        lo, hi, appears = self.ranges[id(unknown[0])]
        if attempt(lo) is None and attempt(hi) is None:
            return
        exc = attempt(hi)
        if appears and exc is not None and attempt(lo) is None and (hi - 1 < lo or attempt(hi - 1) is None):
            raise UserError(exc, node.lineno, info)
        raise Refused("indices whose values only real data has", node.lineno)

    def preflight(self, fn, args: list, kwargs: dict, node: ast.AST, strict: bool = False) -> None:
        """Before computing on real tensors, size the result on meta: refuse a huge one (and, when
        ``strict``, one meta cannot size: its size may depend on the numbers)."""
        try:
            with torch.device("meta"):
                probe = fn(*_to_meta(tuple(args)), **{k: _to_meta(v) for k, v in kwargs.items()})
        except NotImplementedError:
            if strict:
                raise Limit("data size", node.lineno) from None
            return
        except Exception:  # noqa: BLE001 - the real call will raise torch's own error
            return
        if _count_elements(probe) > MAX_REAL_RESULT:
            raise Limit("data size", node.lineno)

    def guard(self, fn, node: ast.AST, call: CallInfo | None = None) -> Any:
        """Run one operation; a failure becomes the user's error at this line."""
        try:
            return fn()
        except (UserError, Refused, Limit, _Control):
            raise
        except _NeedsValue as need:
            raise self.needs(need, node) from None
        except _NotModelled:
            raise Refused("this builtin on that object", getattr(node, "lineno", self.line)) from None
        except Exception as exc:  # torch's and Python's own errors are the verdict
            raise UserError(exc, getattr(node, "lineno", self.line), call) from None

    def needs(self, need: _NeedsValue, node: ast.AST) -> Refused:
        """The refusal for a value this run does not have: a meta tensor's number, or an opaque
        value (named; a plain name is asked for, as an undefined one is)."""
        construct = getattr(need, "construct", VALUE_CONSTRUCT)
        value = getattr(need, "value", None)
        refused = Refused(construct, getattr(node, "lineno", self.line))
        if value is not None:  # an opaque value: named, and why it is not known
            refused.unknown = (value.label, value.why, value.source)
            if value.named_at is not None:  # a name the snippet gave it: asked for (form.names_to_ask)
                refused.ask = (value.label, value.named_at)
        return refused

    def fail(self, exc: BaseException, node: ast.AST, call: CallInfo | None = None):
        raise UserError(exc, getattr(node, "lineno", self.line), call)

    def attribute(self, obj: Any, attr: str, node: ast.Attribute) -> Any:
        # the snippet's own objects may have private names (self._init_weights); torch's may not
        if attr.startswith("__") or (attr.startswith("_") and not isinstance(obj, UserObject)):
            raise Refused(f"attribute {attr}", node.lineno)
        if isinstance(obj, pylib.Opaque):
            return obj.derived(f".{attr}")
        if isinstance(obj, pylib.Modelled):
            return obj.attr(self, attr, node)
        if isinstance(obj, nplib.np.ndarray):
            return nplib.attribute(self, obj, attr, node)
        if isinstance(obj, torch.Tensor) and attr == "numpy":
            return _Bound(obj, attr)
        if isinstance(obj, Namespace):
            if attr not in obj.members:
                why = torchlib.denied(attr) if obj.name.startswith("torch") else None
                raise Refused(f"{obj.name}.{attr}" + (f" (it reaches {why})" if why else ""), node.lineno)
            return obj.members[attr]
        if isinstance(obj, UserObject):
            if attr in obj.attrs:
                return obj.attrs[attr]
            if attr in obj.cls.methods:
                return UserFunction(obj.cls.methods[attr], obj)
            if attr in obj.cls.constants:
                return obj.cls.constants[attr]
            if attr == "training" and not obj.cls.plain:
                return obj.training
            if attr in MODULE_METHODS and attr != "append" and not obj.cls.plain:
                return _Bound(obj, attr)
            if obj.cls.container is not None and hasattr(obj.cls.container, attr):
                raise Refused(f"nn.{obj.cls.container.__name__}.{attr} on your own class", node.lineno)
            if (
                hasattr(nn.Module, attr) and not obj.cls.plain
            ):  # nn.Module's own API: not modelled here, so not guessed at
                raise Refused(f"nn.Module.{attr} on your own class", node.lineno)
            self.fail(AttributeError(f"'{obj.cls.name}' object has no attribute '{attr}'"), node)
        if isinstance(obj, torch.Tensor):
            if attr == "grad" and id(obj) in self.grads:
                return self.grad_of(obj)
            if attr in TENSOR_ATTRS:
                return getattr(obj, attr)
            if attr == "data":  # the same numbers, outside autograd: as .detach(), but with a version
                result = obj.data  # counter of its own (its in-place changes are not autograd's business)
                self.derive(result, [obj], node)
                self.record_graph(result, obj)
                return result
            if torchlib.tensor_method(attr):
                return _Bound(obj, attr)
            why = torchlib.denied(attr)
            raise Refused(f"tensor attribute .{attr}" + (f" (it reaches {why})" if why else ""), node.lineno)
        if isinstance(obj, nn.Module):
            found, value = torchlib.module_attribute(obj, attr)
            if found:  # its parameters, buffers, children and settings (lstm.weight_ih_l0, .hidden_size)
                return value
            if attr in MODULE_METHODS and (attr != "append" or isinstance(obj, nn.ModuleList)):
                return _Bound(obj, attr)
            raise Refused(f"module attribute .{attr}", node.lineno)
        if isinstance(obj, UserClass):
            if attr in obj.constants:
                return obj.constants[attr]
            raise Refused(f"class attribute {obj.name}.{attr}", node.lineno)
        if type(obj) is dict and attr in ("get", "items", "keys", "values"):
            return _Bound(obj, attr)
        if type(obj).__module__ == "torch.return_types" and attr in ("values", "indices"):
            return getattr(obj, attr)  # torch.max(x, dim) and friends
        if isinstance(obj, _Scheduler):
            if attr in ("step", "get_last_lr"):
                return _Bound(obj, attr)
            raise Refused(f"lr_scheduler attribute .{attr}", node.lineno)
        if isinstance(obj, _Optimizer):
            if attr in ("zero_grad", "step"):
                return _Bound(obj, attr)
            if attr == "param_groups":
                return obj.real.param_groups
            raise Refused(f"optimizer attribute .{attr}", node.lineno)
        if isinstance(obj, _TypeHint) and obj.name == "typing":
            return False if attr == "TYPE_CHECKING" else _TypeHint(attr)
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
        if type(obj) is str and attr in STR_METHODS:
            return _Bound(obj, attr)
        bound = pylib.method(obj, attr)  # list, dict, set and str methods that only compute
        if bound is not None:
            return bound
        raise Refused(f"attribute .{attr} of {type(obj).__name__}", node.lineno)

    def subscript(self, node: ast.Subscript, env: dict) -> Any:
        obj = self.evaluate(node.value, env)
        index = self.evaluate(node.slice, env)
        if isinstance(obj, _TypeHint):  # Optional[Tensor], Tuple[int, int]: a type, only for annotations
            return _TypeHint(obj.name)
        result = self.get_item(obj, index, node)
        if isinstance(obj, torch.Tensor):
            self.record_graph(result, obj)
            self.note_reverse_only(obj, index, result, node)
            if id(obj) in self.ranges and isinstance(result, torch.Tensor) and id(result) not in self.ranges:
                lo, hi, _ = self.ranges[id(obj)]  # some of the values: the range, not each one
                self.keep.append(result)
                self.ranges[id(result)] = (lo, hi, False)
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

    def note_reverse_only(self, obj: torch.Tensor, index: Any, result: Any, node: ast.Subscript) -> None:
        """``h_n[-1]`` of a bidirectional layer: the last layer's reverse direction alone."""
        prov = self.origin(obj)
        first = index[0] if isinstance(index, tuple) and index else index
        if (
            prov is not None
            and prov.kind == "states"
            and isinstance(prov.module, tuple(RNN_CLASSES.values()))
            and prov.module.bidirectional
            and obj.dim() >= 2
            and type(first) is int
            and first == -1
            and isinstance(result, torch.Tensor)
        ):
            self.keep.append(result)
            self.reverse_only[id(result)] = (node, prov.module)

    def check_reverse_only(self, module: nn.Module, args: list, result: Any, node: ast.Call) -> None:
        """h_n[-1] of a bidirectional layer given to a Linear (through dropout or an activation):
        a classifier of one direction, taken for the whole sequence's summary."""
        x = args[0] if len(args) == 1 and isinstance(args[0], torch.Tensor) else None
        found = self.reverse_only.get(id(x)) if x is not None else None
        if found is None:
            return
        if isinstance(module, nn.Linear):
            sub, rnn = found
            width = rnn.proj_size or rnn.hidden_size
            self.finding("bidir_hn_last", node.lineno, at=(sub, module, node), H=width)
        elif isinstance(module, (nn.Dropout, nn.ReLU, nn.Tanh, nn.LeakyReLU, nn.GELU, nn.Identity)):
            if isinstance(result, torch.Tensor) and result.shape == x.shape:
                self.keep.append(result)
                self.reverse_only[id(result)] = found

    def check_last_step(self, tensor: torch.Tensor, index: Any, node: ast.AST) -> None:
        """`out[-1]` / `out[:, -1]` on an RNN's output: which axis does the -1 really pick?"""
        prov = self.origin(tensor)
        if (
            prov is not None
            and prov.kind == "derived"
            and isinstance(prov.module, tuple(RNN_CLASSES.values()))
            and prov.module.bidirectional
            and tensor.dim() == 4
            and tensor.shape[2] == 2
            and tensor.shape[3] == (prov.module.proj_size or prov.module.hidden_size)
        ):  # output.view(L, N, 2, H_out): the directions split, each on its own axis
            parts = index if isinstance(index, tuple) else (index,)
            time = 1 if prov.module.batch_first else 0
            lead = parts[: time + 1]
            if len(lead) == time + 1 and all(p == slice(None) for p in lead[:time]):
                step = lead[time]
                direction = parts[2] if len(parts) > 2 else slice(None)  # (·, ·, D, H_out)
                reverse = not (type(direction) is int and direction in (0, -2))
                if type(step) is int and step == -1 and reverse:
                    self.finding("bidir_view_last_step", node.lineno, at=node, H=tensor.shape[3], time=time)
            return
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
            # the summary to suggest: h_n[-1] is the reverse direction alone when there are two
            summary = "torch.cat((h_n[-2], h_n[-1]), dim=-1)" if module.bidirectional else "h_n[-1]"
            self.finding(
                "last_sample_of_time_first",
                node.lineno,
                L=length,
                N=batch,
                width=tensor.shape[2],
                summary=summary,
            )
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
        self.charge(node, PY_CALL_S)  # several calls may share one statement
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
                if self.constructing[-1].cls.container and (node.args or node.keywords):
                    raise Refused(
                        f"super().__init__ of nn.{self.constructing[-1].cls.container.__name__} with layers",
                        node.lineno,
                    )
                self.constructing[-1].initialized = True
            return None
        func = self.evaluate(func_node, env)
        try:
            args, kwargs = self.arguments(node, env)
        except UserError as err:
            if err.outer is None:
                err.outer = (node, func)
            raise
        if not _stays_in_python(func, args, kwargs):
            self.charge(node)  # a torch (or numpy) call, or one that may run torch on its arguments
        return self.invoke(func, args, kwargs, node)

    def arguments(self, node: ast.Call, env: dict) -> tuple[list, dict[str, Any]]:
        """A call's positional and keyword arguments, evaluated in order."""
        args = self.elements(node.args, env)
        kwargs: dict[str, Any] = {}
        for kw in node.keywords:
            if kw.arg is None:  # f(**config): a dict of str keys, each given once
                spread = self.evaluate(kw.value, env)
                if type(spread) is not dict or not all(isinstance(k, str) for k in spread):
                    raise Refused("** of something other than a dict with str keys", node.lineno)
                items = list(spread.items())
            else:
                items = [(kw.arg, self.evaluate(kw.value, env))]
            for name, value in items:
                if name == "out" and not isinstance(kw.value, ast.Call):
                    # out= a fresh tensor (torch.arange(0, n, out=self.tensor())) is the result's
                    # dtype only; out= a name would be written through, which is not modelled
                    raise Refused("out= in a call", node.lineno)
                self.check_name(name, node)
                if name in kwargs:
                    raise Refused(f"keyword argument {name} given twice", node.lineno)
                kwargs[name] = value
        return args, kwargs

    def invoke(self, func: Any, args: list, kwargs: dict, node: ast.Call) -> Any:
        if isinstance(func, UserClass):
            obj = UserObject(func, initialized=func.plain)
            init = func.methods.get("__init__")
            if init is None and func.plain and (args or kwargs):
                self.fail(TypeError(f"{func.name}() takes no arguments"), node)
            if init is not None:
                self.constructing.append(obj)
                try:
                    self.call_user(UserFunction(init, obj), args, kwargs, node)
                finally:
                    self.constructing.pop()
            else:
                obj.initialized = True  # nn.Module's own __init__ runs
            return obj
        if isinstance(func, UserObject) and (func.cls.plain or "__call__" in func.cls.methods):
            if "__call__" not in func.cls.methods:
                self.fail(TypeError(f"'{func.cls.name}' object is not callable"), node)
            return self.call_user(UserFunction(func.cls.methods["__call__"], func), args, kwargs, node)
        if isinstance(func, UserObject):
            forward = func.cls.methods.get("forward")
            if forward is None and func.cls.container is nn.Sequential:
                raise Refused("nn.Sequential's own forward on your own class", node.lineno)
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
        if isinstance(func, pylib.Opaque):  # os.system(...), plt.plot(...): nothing runs
            if not any(code == "not_run" for code, _, _ in self.findings):  # said once, at the first
                where = ast.get_source_segment(self.source, node.func) or func.label
                self.finding("not_run", node.lineno, call=where)
            return func.derived("(...)")
        if isinstance(func, pylib.Modelled):
            return func.call(self, args, kwargs, node)
        if isinstance(func, nplib.ArrayMethod):
            return nplib.call_method(self, func, args, kwargs, node)
        python = (isinstance(func, _Builtin) and BUILTINS.get(func.name) is func) or (
            isinstance(func, _Bound) and isinstance(func.obj, (list, dict, str))
        )
        if not python:
            hidden = pylib.holds_opaque([args, list(kwargs.values())])
            if hidden is not None:
                refused = self.needs(pylib.NeedsOpaque(hidden), node)
                if refused.ask is None:  # nn.LSTM(len(df.columns), 32): that argument is asked for
                    refused.ask = self.asked_argument(node, args, kwargs, hidden)
                raise refused
            if pylib.holds_drawn([args, list(kwargs.values())]) and not (
                isinstance(func, _Builtin) and func.name.startswith(("random.", "itertools.", "functools."))
            ):
                data = args[0] if args and type(args[0]) in (list, tuple) else None
                constructor = func is _TORCH.members["tensor"] or isinstance(func, _LegacyTensor)
                if not (
                    constructor
                    and data is not None
                    and not pylib.holds_drawn([args[1:], list(kwargs.values())])
                ):
                    raise Refused(pylib.DRAWN_CONSTRUCT, node.lineno)
                # drawn numbers as a tensor's data (its shape is the list's): kept as data never read
                result = (
                    _legacy_tensor(self, func, args, kwargs, node)
                    if isinstance(func, _LegacyTensor)
                    else (func.fn(self, args, kwargs, node))
                )
                return _to_meta(result)
        if _holds_value([args, list(kwargs.values())]) and not (
            (isinstance(func, _Builtin) and (func.name in VALUE_BUILTINS or func.name.startswith("numpy.")))
            or (isinstance(func, _Bound) and isinstance(func.obj, list) and func.name == "append")
        ):
            raise Refused(VALUE_CONSTRUCT, node.lineno)
        if isinstance(func, _LegacyTensor):
            return _legacy_tensor(self, func, args, kwargs, node)
        if isinstance(func, type) and func in MODULE_CLASSES.values():
            return self.build_module(func, args, kwargs, node)
        if isinstance(func, nn.Module):
            return self.call_module(func, args, kwargs, node)
        if isinstance(func, _Bound):
            return self.call_bound(func, args, kwargs, node)
        if isinstance(func, _Builtin) and func.name in ("enumerate", "zip", "list", "tuple", "len"):
            args = [self.own_data(a, func.name, node) for a in args]
        if isinstance(func, _Builtin) and "out" in kwargs:
            return self.call_with_out(func, args, kwargs, node)
        if isinstance(func, _Builtin):
            return func.fn(self, args, kwargs, node)
        raise Refused(f"calling {type(func).__name__}", node.lineno)

    def call_with_out(self, func: _Builtin, args: list, kwargs: dict, node: ast.Call) -> Any:
        """``torch.arange(0, n, out=torch.Tensor())``: the result, in the fresh ``out``'s dtype
        (torch writes it there); a result torch would not cast to that dtype is refused."""
        out = kwargs.pop("out")
        if not func.name.startswith(("torch.", "F.")) or not isinstance(out, torch.Tensor):
            raise Refused("out= in a call", node.lineno)
        result = func.fn(self, args, kwargs, node)
        if not isinstance(result, torch.Tensor) or not torch.can_cast(result.dtype, out.dtype):
            raise Refused("out= in a call", node.lineno)
        return self.guard(
            lambda: _to_meta(result.to(out.dtype)) if out.device.type == "meta" else result.to(out.dtype),
            node,
        )

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
        if len(args) > len(names) and spec.vararg is None:
            self.fail(
                TypeError(
                    f"{fn.node.name}() takes {len(names)} positional arguments but {len(args)} were given"
                ),
                node,
            )
        for name, value in zip(names, args, strict=False):
            local[name] = value
        extra: dict[str, Any] = {}  # what **kwargs gathers
        keyword_names = [a.arg for a in spec.args + spec.kwonlyargs]
        for name, value in kwargs.items():
            if name in local and name in keyword_names:
                self.fail(TypeError(f"{fn.node.name}() got multiple values for argument '{name}'"), node)
            if name not in keyword_names:
                if spec.kwarg is None:
                    self.fail(
                        TypeError(f"{fn.node.name}() got an unexpected keyword argument '{name}'"), node
                    )
                extra[name] = value
                continue
            local[name] = value
        for arg, default in zip(spec.kwonlyargs, spec.kw_defaults, strict=True):
            if arg.arg not in local:
                if default is None:
                    self.fail(
                        TypeError(f"{fn.node.name}() missing 1 required keyword-only argument: '{arg.arg}'"),
                        node,
                    )
                local[arg.arg] = self.evaluate(default, self.globals)
        if spec.vararg is not None:  # *args: the positional arguments past the named ones
            local[spec.vararg.arg] = tuple(args[len(names) :])
        if spec.kwarg is not None:
            local[spec.kwarg.arg] = extra
        for name in names:
            if name not in local:
                if name not in defaults:
                    self.fail(
                        TypeError(f"{fn.node.name}() missing 1 required positional argument: '{name}'"), node
                    )
                local[name] = self.evaluate(defaults[name], self.globals)
        scope = local if fn.closure is None else collections.ChainMap(local, fn.closure)
        try:
            self.exec_block(fn.node.body, scope)
            result = None
        except _Return as ret:
            result = ret.value
        finally:
            self.depth -= 1
        return result

    def build_module(self, cls: type, args: list, kwargs: dict, node: ast.Call) -> nn.Module:
        kwargs = {k: v for k, v in kwargs.items() if k != "device"}  # one device here; dtype is kept
        self.charge(node, BUILD_S)
        self.check_weight([args, list(kwargs.values())], node)
        if cls in CONTAINERS.values():
            if cls is nn.ModuleList and len(args) == 1 and isinstance(args[0], _Generator):
                args = [args[0].take()]
            children = args if cls is nn.Sequential else (args[0] if args else [])
            if not isinstance(children, (list, tuple)) or not all(isinstance(m, nn.Module) for m in children):
                raise Refused(f"nn.{cls.__name__} of something other than torch's layers", node.lineno)
            if len(children) > MAX_CHILDREN:
                raise Limit("list length", node.lineno)
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
        if isinstance(module, nn.Sequential) and len(args) == 1 and not kwargs:
            self.depth += 1  # torch's Sequential.forward: each layer in turn, each checked as a call
            if self.depth > MAX_CALL_DEPTH:
                raise Limit("call depth", node.lineno)
            try:
                x = args[0]
                for child in module:
                    self.charge(node)
                    x = self.call_module(child, [x], {}, node)
            finally:
                self.depth -= 1
            return x
        if isinstance(module, (nn.Embedding, nn.CrossEntropyLoss, nn.NLLLoss)) and self.ranged(
            [args, kwargs]
        ):
            # ids or targets known by their range only (a shuffled loader's): both ends checked
            fn = self.twin(module) if isinstance(module, nn.Embedding) else module
            if fn is None:
                raise Refused("indices whose values only real data has", node.lineno)
            self.check_indices(fn, list(args), kwargs, node, info)
        if isinstance(module, nn.Embedding) and _has_real(args):
            twin = self.twin(module)  # token ids are data: torch checks them against num_embeddings
            if twin is not None:  # (with grad, as in torch: what follows may call backward)
                result = _floats_to_meta(self.guard(lambda: twin(*_to_real(tuple(args))), node, info))
                self.mark(result, Provenance("embedding", module, node.lineno))
                self.record_graph(result, list(args), info)
                return result
        meta_args, meta_kwargs = _to_meta(tuple(args)), {k: _to_meta(v) for k, v in kwargs.items()}
        key = self.call_key(module, meta_args, meta_kwargs)
        result = None
        if key is not None and key in self.call_cache:
            result = _fresh(self.call_cache[key])  # same module, shapes, dtypes, flags: same answer
        if result is None and (
            isinstance(module, nn.LSTM) and meta_args and isinstance(meta_args[0], rnn_utils.PackedSequence)
        ):
            result = self.check_packed_lstm(module, meta_args, meta_kwargs, args, kwargs, node, info)
        if result is None:
            result = self.run_module(module, meta_args, meta_kwargs, args, kwargs, node, info)
            if key is not None and len(self.call_cache) < MAX_CACHED_CALLS:
                self.call_cache[key] = result
                result = _fresh(result)
        if isinstance(module, BROADCASTING_LOSSES) and len(args) >= 2:
            self.check_loss_broadcast(type(module).__name__, args[0], args[1], node)
        saves = next(iter(module.parameters()), None) is not None  # a Linear saves its input, an RNN more
        self.record_graph(result, [list(args), list(kwargs.values())], info if saves else None)
        if isinstance(module, (*RNN_CLASSES.values(), *CELL_CLASSES.values())):
            self.check_random_state(module, args, kwargs, node)
        if isinstance(module, tuple(RNN_CLASSES.values())) and len(self.recurrent_calls) < MAX_GRAPH:
            self.recurrent_calls.append(info)
        self.check_reverse_only(module, args, result, node)
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
        elif isinstance(module, tuple(CELL_CLASSES.values())):  # a state the cell returned, carried on
            for state in result if isinstance(result, tuple) else (result,):
                if isinstance(state, torch.Tensor):
                    self.mark(state, Provenance("cell", module, node.lineno))
        return result

    def call_key(self, module: nn.Module, meta_args: tuple, meta_kwargs: dict) -> tuple | None:
        """What a module call's answer depends on, on meta: None when it cannot be told cheaply.

        On meta a call's result is its shapes, dtypes and strides (there are no numbers), and
        those are fixed by the module (its identity, flags and parameters' dtypes, train or
        eval), the grad mode, and the arguments' shapes, dtypes and strides, and a packing's
        batch sizes. So a loop that calls a layer on the same shapes again (epochs, mini-batches)
        reuses the first answer instead of paying torch's Python shape rules again (a recurrent
        layer costs ~80 ms a call on meta, whatever its size).
        """
        try:
            params = tuple((p.dtype, p.requires_grad) for p in module.parameters())
            return (
                id(module),
                params,
                module.training,
                torch.is_grad_enabled(),
                _call_key(meta_args),
                _call_key(sorted(meta_kwargs.items())),
            )
        except _NoKey:
            return None

    def check_loss_broadcast(self, name: str, pred: Any, target: Any, node: ast.AST) -> None:
        """MSELoss((N, 1), (N,)): torch broadcasts both to (N, N) and warns only: a wrong loss."""
        if not (isinstance(pred, torch.Tensor) and isinstance(target, torch.Tensor)):
            return
        if pred.shape == target.shape:
            return
        try:
            shape = torch.broadcast_shapes(pred.shape, target.shape)
        except RuntimeError:
            return
        self.finding(
            "loss_broadcast",
            getattr(node, "lineno", self.line),
            loss=name,
            pred=tuple(pred.shape),
            target=tuple(target.shape),
            shape=tuple(shape),
        )

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
            # a hard bound: a call predicted to end past the budget is not started
            self.charge(node, steps * _step_seconds(module))
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
            if not recurrent:
                self.probe_dtypes(module, meta_args, meta_kwargs, node, info)
        return restore(result) if restore is not None else result

    def probe_dtypes(self, module, meta_args, meta_kwargs, node, info) -> None:
        """A layer whose weights' dtype differs from its input's (``nn.Linear(3, 2).half()`` on a
        float32 input): meta kernels let some of these through that the CPU refuses, so the call
        is repeated on stand-ins (one real zero expanded to each shape) or, for a small layer, on
        its CPU twin over real zeros; its exception, if any, is the verdict."""
        weights = {p.dtype for p in module.parameters() if p.is_floating_point()}
        inputs = {
            t.dtype
            for t in [*meta_args, *meta_kwargs.values()]
            if isinstance(t, torch.Tensor) and t.is_floating_point()
        }
        if not weights or not inputs or inputs <= weights:
            return
        standin = self.standin_module(module)
        with warnings.catch_warnings(), torch.no_grad():
            warnings.simplefilter("ignore")
            try:
                if standin is not None:
                    standin(
                        *_to_standin(tuple(meta_args)), **{k: _to_standin(v) for k, v in meta_kwargs.items()}
                    )
                    return
                size = _count_elements(list(meta_args)) + _count_elements(list(meta_kwargs.values()))
                twin = self.twin(module) if self.real_elements + size <= MAX_REAL_ELEMENTS else None
                if twin is None:
                    raise Refused("a layer whose weights' dtype differs from its input's", node.lineno)
                self.real_elements += size
                twin(*_to_real(tuple(meta_args)), **{k: _to_real(v) for k, v in meta_kwargs.items()})
            except (Refused, Limit):
                raise
            except Exception as exc:  # noqa: BLE001 - torch's own words are the verdict
                raise UserError(exc, node.lineno, info) from None

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
        self,
        make_fn,
        args,
        kwargs,
        meta_exc: Exception,
        node: ast.AST,
        info: CallInfo,
        standin=None,
        trust: bool = True,
    ) -> Any:
        """Repeat a failed meta operation once on real CPU zeros (bounded).

        If the CPU raises too, its message is torch's verdict. If it succeeds, the meta device
        only lacked a kernel (pad_packed_sequence copies data, say): its result, back on meta,
        is the answer.

        Past the bound on real numbers (or on a module's parameters), ``standin`` (an operation
        whose checks read shapes and dtypes only, never strides or values: a Linear or an
        Embedding, cat, stack, arithmetic) runs instead on stand-ins: every tensor one real zero
        expanded to its shape (stride 0), so torch checks the real shapes on the CPU, in its own
        words, while holding one number per tensor. Only its exception is used. It is not tried
        when meta merely lacked a kernel (NotImplementedError): there the CPU would succeed and
        build its full-sized result.
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
                if not trust:  # meta had no kernel; the CPU's zeros may give another shape than the data
                    raise Refused(f"{info.target} of values only real data has", node.lineno)
                self.real_elements += _count_elements(result)
                return _floats_to_meta(result)
        if standin is not None and not isinstance(meta_exc, NotImplementedError):
            try:
                with torch.no_grad():
                    standin(*_to_standin(tuple(args)), **{k: _to_standin(v) for k, v in kwargs.items()})
            except Exception as real_exc:  # noqa: BLE001
                raise UserError(real_exc, node.lineno, info) from None
        if not trust and (isinstance(meta_exc, NotImplementedError) or "meta" in str(meta_exc)):
            raise Refused(f"{info.target} of values only real data has", node.lineno)
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

    def set_training(self, obj: Any, mode: bool, node: ast.AST) -> None:
        """``model.train(mode)`` / ``model.eval()``: the flag of the object and of every module in it."""
        self.each_module(obj, lambda m: m.train(mode), node)
        stack, seen = [obj], 0
        while stack:
            item = stack.pop()
            seen += 1
            if seen > MAX_CHILDREN:
                raise Limit("nesting", node.lineno)
            if isinstance(item, UserObject):
                item.training = mode
                stack.extend(v for v in item.attrs.values() if isinstance(v, UserObject))

    def named_parameters(self, obj: Any, prefix: str, node: ast.AST, depth: int = 0) -> list:
        """(name, parameter) of a module or of one of the snippet's own classes, in torch's order."""
        if depth > MAX_CALL_DEPTH:
            raise Limit("nesting", node.lineno)
        if isinstance(obj, nn.Module):
            return list(obj.named_parameters(prefix=prefix.rstrip(".")))
        found: list = []
        if isinstance(obj, UserObject):  # its own parameters first, then its children's, as torch
            found += [(f"{prefix}{a}", v) for a, v in obj.attrs.items() if isinstance(v, nn.Parameter)]
            for attr, value in obj.attrs.items():
                if isinstance(value, (nn.Module, UserObject)):
                    found += self.named_parameters(value, f"{prefix}{attr}.", node, depth + 1)
        return found

    def call_bound(self, bound: _Bound, args: list, kwargs: dict, node: ast.Call) -> Any:
        obj, name = bound.obj, bound.name
        if name in ("parameters", "named_parameters") and isinstance(obj, (UserObject, nn.Module)):
            if args or set(kwargs) - {"recurse"}:
                raise Refused(f".{name}() with arguments", node.lineno)
            named, seen = [], set()
            for pname, p in self.named_parameters(obj, "", node):
                if id(p) not in seen:  # a parameter shared by two layers counts once, as in torch
                    seen.add(id(p))
                    named.append((pname, p))
            return _Generator([p for _, p in named] if name == "parameters" else named)
        if name == "append" and isinstance(obj, nn.ModuleList):
            if len(args) != 1 or kwargs or not isinstance(args[0], nn.Module):
                raise Refused("ModuleList.append of something other than one of torch's layers", node.lineno)
            if isinstance(args[0], (nn.Sequential, nn.ModuleList)) or len(obj) >= MAX_CHILDREN:
                raise Refused("ModuleList.append of a container", node.lineno)
            obj.append(args[0])
            return obj
        if isinstance(obj, UserObject) or isinstance(obj, nn.Module):
            dtypes = [a for a in args + list(kwargs.values()) if isinstance(a, torch.dtype)]
            if name in ("float", "double"):
                dtypes = [torch.float32 if name == "float" else torch.float64]
            if name in ("eval", "train"):
                mode = bool(args[0]) if args else name == "train"
                self.set_training(obj, mode, node)
            elif name == "zero_grad":
                if args or set(kwargs) - {"set_to_none"}:
                    raise Refused("zero_grad with these arguments", node.lineno)
                if kwargs.get("set_to_none", True) is not False:
                    self.drop_grads([p for _, p in self.named_parameters(obj, "", node)])
            elif dtypes:
                self.each_module(obj, lambda m: m.to(dtypes[0]), node)
            return obj if name in ("to", "eval", "train", "cpu", "cuda", "float", "double") else None
        if isinstance(obj, list) and name == "append":
            if len(obj) >= 100_000:
                raise Limit("list length", node.lineno)
            self.check_weight(args[:1], node, add=True)
            obj.append(args[0] if args else None)
            return None
        if type(obj) is str:
            return self.str_method(obj, name, args, kwargs, node)
        if type(obj) is dict:
            if name == "get":
                if not args or len(args) > 2 or kwargs:
                    raise Refused("dict.get with these arguments", node.lineno)
                key = args[0]
                if not isinstance(key, (str, int, float, bool, type(None), tuple)):
                    raise Refused(f"a {type(key).__name__} as a dict key", node.lineno)
                self.check_hash(key, node)  # hashing the key walks its shared parts each time
                return obj.get(key, args[1] if len(args) > 1 else None)
            if args or kwargs:
                raise Refused(f"dict.{name} with arguments", node.lineno)
            return list(obj.items()) if name == "items" else list(getattr(obj, name)())
        if isinstance(obj, _Scheduler):
            if args or kwargs:
                raise Refused(f"lr_scheduler.{name} with arguments", node.lineno)
            info = CallInfo("method", f"lr_scheduler.{name}", (), {}, node)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # "step() before optimizer.step()": torch only warns
                result = self.guard(lambda: getattr(obj.real, name)(), node, info)
            return list(result) if name == "get_last_lr" else None
        if isinstance(obj, _Optimizer):
            if name == "step" and (args or kwargs):
                closure = args[0] if args else kwargs.get("closure")
                if len(args) + len(kwargs) != 1 or not isinstance(closure, UserFunction):
                    raise Refused("optimizer.step with these arguments", node.lineno)
                return self.step_with_closure(obj, closure, node)
            if name == "step" and isinstance(obj.real, torch.optim.LBFGS):
                raise Refused("LBFGS.step without a closure", node.lineno)
            if name == "zero_grad" and (args or set(kwargs) - {"set_to_none"}):
                raise Refused("zero_grad with these arguments", node.lineno)
            if name == "step":
                self.optimizer_step(obj, node)
            if name == "zero_grad" and kwargs.get("set_to_none", True) is not False:
                self.drop_grads([p for group in obj.real.param_groups for p in group["params"]])
            return None  # no gradients on meta: nothing to zero or to apply (shapes do not change)
        if isinstance(obj, torch.Tensor) and name == "numpy":
            return nplib.tensor_numpy(self, obj, args, kwargs, node)
        if isinstance(obj, torch.Tensor) and name in ("item", "tolist", "backward"):
            return self.tensor_value_method(obj, name, args, kwargs, node)
        if isinstance(obj, torch.Tensor):
            given = (obj, args, kwargs)  # a generic method checks real indices against the data
            if _has_real([obj, args, list(kwargs.values())]) and _has_meta(
                [obj, args, list(kwargs.values())]
            ):
                obj, args = _to_meta(obj), list(_to_meta(tuple(args)))  # one device for all
                kwargs = {k: _to_meta(v) for k, v in kwargs.items()}
            if name in ("cpu", "cuda", "detach", "clone", "contiguous") and not args:
                if name in ("cpu", "cuda"):
                    return obj
                result = self.guard(lambda: getattr(obj, name)(), node)
                self.derive(result, [obj], node)  # h.detach() is still the state it was
                self.record_graph(result, obj)  # but h.detach() requires no grad: no graph
                self.note_ranges(name, obj, (), {}, result)
                return result
            if name == "type":
                return self.tensor_type(obj, args, kwargs, node)
            if name == "to":
                keep = [a for a in args if isinstance(a, torch.dtype)]
                kw = {k: v for k, v in kwargs.items() if k == "dtype"}
                if not keep and not kw:
                    return obj  # a device: everything here is on one device
                return self.guard(lambda: obj.to(*keep, **kw), node, CallInfo("method", name, tuple(args)))
            if not _plain([args, list(kwargs.values())]):
                raise Refused(f"these arguments to .{name}", node.lineno)
            if name in torchlib.INDEXING:
                obj, args, kwargs = given
            info = CallInfo("method", name, (obj, *args), kwargs, node)
            if name in VALUE_FUNCTIONS and _has_meta([obj, args, list(kwargs.values())]):
                return self.value_function(name, [obj, *args], kwargs, node, info)

            def method(t: torch.Tensor, *a: Any, **k: Any) -> Any:
                return getattr(t, name)(*a, **k)

            result = self.tensor_op(method, [obj, *args], kwargs, node, info, name=name)
            return _checked_result(result, f".{name}", node)
        if isinstance(obj, torch.Size) and name == "numel":
            return obj.numel()
        raise Refused(f"method .{name}", node.lineno)

    def str_method(self, text: str, name: str, args: list, kwargs: dict, node: ast.Call) -> Any:
        """The pure str methods scripts use on words and names; a result's size is bounded first."""
        if name == "join" and len(args) == 1 and isinstance(args[0], _Generator):
            args = [args[0].take()]
        if name == "join" and len(args) == 1 and type(args[0]) in (list, tuple):
            hidden = pylib.holds_opaque(args[0])
            if hidden is not None:
                return hidden.derived("")  # joined text that is not known here
        if name == "join":
            parts = args[0] if len(args) == 1 and type(args[0]) in (list, tuple) else None
            plain = (str, int, float, bool, type(None))  # a number among them: Python's own TypeError
            if parts is None or kwargs or not all(type(p) in plain for p in parts):
                raise Refused("str.join of these values", node.lineno)
            size = sum(len(p) for p in parts if type(p) is str) + len(text) * max(len(parts) - 1, 0)
        else:
            if kwargs or not all(type(a) in (str, int) for a in args) or len(args) > 3:
                raise Refused(f"str.{name} with these arguments", node.lineno)
            size = len(text)
            if name == "replace" and len(args) >= 2 and type(args[0]) is str and type(args[1]) is str:
                size += (len(text) + 1) * len(args[1])  # every position may take the new text
        if size > MAX_TEXT:
            raise Limit("data size", node.lineno)
        result = self.guard(
            lambda: getattr(text, name)(*args), node, CallInfo("method", f"str.{name}", tuple(args))
        )
        if isinstance(result, list):
            self.check_weight(result, node)
        return result

    def tensor_type(self, obj: torch.Tensor, args: list, kwargs: dict, node: ast.Call) -> Any:
        """``x.type()``: the CPU type's name, as torch prints it; ``x.type(torch.LongTensor)`` or
        ``x.type(torch.int64)``: a copy in that dtype."""
        if kwargs or len(args) > 1:
            raise Refused(".type with these arguments", node.lineno)
        if not args:
            name = LEGACY_NAMES.get(obj.dtype)
            if name is None:
                raise Refused(f".type() of a {obj.dtype} tensor", node.lineno)
            return f"torch.{name}"
        target = args[0].dtype if isinstance(args[0], _LegacyTensor) else args[0]
        if not isinstance(target, torch.dtype):
            raise Refused(".type with a type given by name", node.lineno)
        result = self.guard(lambda: obj.type(target), node, CallInfo("method", "type", (obj, *args)))
        self.derive(result, [obj], node)
        self.record_graph(result, obj)
        return result

    def tensor_value_method(
        self, obj: torch.Tensor, name: str, args: list, kwargs: dict, node: ast.Call
    ) -> Any:
        """``.item()``, ``.tolist()`` and ``.backward()``: what needs numbers or gradients."""
        info = CallInfo("method", name, (obj, *args), kwargs, node)
        meta = obj.device.type == "meta"
        if name == "item":
            if args or kwargs:
                self.guard(lambda: _standin(obj).item(*args, **kwargs), node, info)
            if not meta:
                return self.guard(lambda: obj.item(), node, info)
            if obj.numel() != 1:  # torch's own words, from one real zero expanded to the shape
                self.guard(lambda: _standin(obj).item(), node, info)
            kind = (
                float
                if (obj.is_floating_point() or obj.is_complex())
                else bool
                if obj.dtype == torch.bool
                else int
            )
            span = self.ranges.get(id(obj))
            return _Value(kind, span[:2] if span is not None else None)
        if name == "tolist":
            if meta:
                raise Refused("a tensor's values (.tolist()) that only real data has", node.lineno)
            if obj.numel() > MAX_REAL_RESULT:
                raise Limit("data size", node.lineno)
            result = self.guard(lambda: obj.tolist(*args, **kwargs), node, info)
            self.check_weight(result, node, add=True)
            return result
        # backward: torch's two checks before any gradient is computed; the rest is numbers only
        if args or set(kwargs) - {"retain_graph", "create_graph"}:
            raise Refused("backward with a gradient or inputs", node.lineno)
        if not obj.requires_grad:
            self.fail(
                RuntimeError("element 0 of tensors does not require grad and does not have a grad_fn"),
                node,
                info,
            )
        if obj.numel() != 1:
            self.fail(RuntimeError("grad can be implicitly created only for scalar outputs"), node, info)
        retain = kwargs.get("retain_graph")
        if retain is None:
            retain = kwargs.get("create_graph", False)  # torch's default: retain_graph = create_graph
        if type(retain) is not bool:
            raise Refused("retain_graph that is not True or False", node.lineno)
        deps = self.graph_of(obj)
        if deps:  # autograd goes back from the latest call: the first it meets that fails raises
            stale = {n for n in deps if self.graph_nodes[n].stale(self.saved_tensors)}
            for n in sorted(stale.union(deps.intersection(self.freed)), reverse=True):
                if n in self.freed:
                    break
                self.check_versions(n, node, info)
        if deps and deps.intersection(self.freed):  # saved tensors an earlier backward() freed
            raise UserError(RuntimeError(BACKWARD_TWICE), node.lineno, info, reason="backward_twice")
        if deps and not retain:
            for n in deps:
                self.freed[n] = node.lineno
        for n in deps or ():  # each parameter that backward() reaches gets a .grad
            for p in self.graph_nodes[n].call.target.parameters():
                if p.requires_grad:
                    self.grads[id(p)] = p
        return None

    def grad_of(self, p: torch.Tensor) -> torch.Tensor:
        """A parameter's ``.grad`` after backward(): a tensor of its shape and dtype, outside autograd,
        the same one until zero_grad() drops it (its numbers are not known here: meta)."""
        if id(p) not in self.grad_values:
            self.grad_values[id(p)] = torch.empty_like(p, device="meta", requires_grad=False)
        return self.grad_values[id(p)]

    def drop_grads(self, params: list) -> None:
        """zero_grad(): torch sets each parameter's .grad to None (set_to_none, its default)."""
        for p in params:
            self.grads.pop(id(p), None)
            self.grad_values.pop(id(p), None)

    def check_versions(self, n: int, node: ast.AST, info: CallInfo) -> None:
        """Graph node ``n`` saved a value that was changed in place since: torch's own error, in
        torch's words (replayed on a CPU twin of the module, see ``inplace``), or a refusal."""
        graph_node = self.graph_nodes[n]
        call = graph_node.call
        self.charge(node, META_CALL_S)
        message = inplace.replay(
            lambda: self.twin(call.target), call.target, call.args, call.kwargs, graph_node.saved
        )
        if message == inplace.AMBIGUOUS:
            raise Refused("backward() through a saved value changed in place since", node.lineno)
        if message is not None:
            raise UserError(RuntimeError(message), node.lineno, info, reason="inplace_version")

    def step_with_closure(self, opt: _Optimizer, closure: UserFunction, node: ast.Call) -> Any:
        """``optimizer.step(closure)``: torch calls the snippet's closure with grad enabled, then steps,
        and gives back the closure's loss. SGD, Adam and the others call it exactly once. LBFGS calls it
        once, then again as many times as the numbers decide (up to max_eval) unless max_iter is 1
        without a line search: here it is called a second time, and the answer stands only if that
        call leaves every value the snippet can reach as the first left it (so any further call would
        too); otherwise the number of calls, which only the real run knows, could matter: refused."""
        with torch.enable_grad():
            loss = self.call_user(closure, [], {}, node)
        lbfgs = isinstance(opt.real, torch.optim.LBFGS)
        if lbfgs:
            if not (
                isinstance(loss, (int, float))
                or (isinstance(loss, torch.Tensor) and loss.numel() == 1 and not loss.is_complex())
            ):
                raise Refused("LBFGS with a closure that does not give back one number", node.lineno)
            group = opt.real.param_groups[0]
            if group["max_iter"] != 1 or group["line_search_fn"] is not None:
                before = self.state_signature(closure, node)
                try:
                    with torch.enable_grad():
                        self.call_user(closure, [], {}, node)
                except (UserError, Limit):
                    raise Refused("LBFGS calling the closure again", node.lineno) from None
                if self.state_signature(closure, node) != before:
                    raise Refused("LBFGS with a closure that changes what it reads", node.lineno)
        self.optimizer_step(opt, node)
        return loss

    def state_signature(self, fn: UserFunction, node: ast.AST) -> Any:
        """What a function can read, as shapes, dtypes and known values (a tensor's real numbers
        included), with the objects' identities: two equal signatures run the function the same."""
        budget = [MAX_KEY_ITEMS * 10]
        seen: dict[int, int] = {}

        def sig(value: Any, depth: int) -> Any:
            budget[0] -= 1
            if budget[0] < 0 or depth > MAX_CALL_DEPTH:
                raise Refused("LBFGS over this much state", node.lineno)
            if value is None or isinstance(value, (bool, int, float, str, complex, torch.dtype)):
                return (type(value).__name__, value)
            if isinstance(value, torch.Tensor):
                known = ()
                if value.device.type != "meta":
                    if value.numel() > MAX_KEY_ITEMS:
                        raise Refused("LBFGS over this much state", node.lineno)
                    known = tuple(value.detach().reshape(-1).tolist())
                grad = id(value) in self.grads
                return (
                    "tensor",
                    id(value),
                    tuple(value.shape),
                    value.dtype,
                    value.requires_grad,
                    grad,
                    known,
                )
            if id(value) in seen:
                return ("seen", id(value))
            seen[id(value)] = depth
            if isinstance(value, (list, tuple, set, frozenset)):
                items = sorted(value, key=repr) if isinstance(value, (set, frozenset)) else value
                return (type(value).__name__, id(value), tuple(sig(v, depth + 1) for v in items))
            if isinstance(value, dict):
                return (
                    "dict",
                    id(value),
                    tuple((sig(k, depth + 1), sig(v, depth + 1)) for k, v in value.items()),
                )
            if isinstance(value, UserObject):
                return ("object", id(value), value.training, sig(value.attrs, depth + 1))
            if isinstance(value, nn.Module):
                params = tuple(sig(p, depth + 1) for p in value.parameters())
                return ("module", id(value), value.training, params)
            return (type(value).__name__, id(value))

        closure = () if fn.closure is None else tuple((k, sig(v, 1)) for k, v in dict(fn.closure).items())
        rng = getattr(self, "py_random", None)
        return sig(self.globals, 0), closure, sig(fn.self_obj, 0), None if rng is None else rng.getstate()

    def optimizer_step(self, opt: _Optimizer, node: ast.AST) -> None:
        """``optimizer.step()``: torch's own step over the meta parameters that have a .grad, so
        each changed parameter's version moves as torch's would (AdamW's decay is a change too)."""
        params = [p for group in opt.real.param_groups for p in group["params"]]
        given = [p for p in params if id(p) in self.grads and p.grad is None]
        if not given:
            return
        self.charge(node, BUILD_S)
        try:
            for p in given:
                p.grad = torch.zeros_like(p)
            opt.real.step()
        except Exception:  # noqa: BLE001 - the step is modelled for versions only
            pass
        finally:
            for p in given:
                p.grad = None
        for p in given:
            self.stepped[id(p)] = node.lineno


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


@dataclass(repr=False)
class _Builtin:
    name: str
    fn: Any

    def __repr__(self) -> str:
        return f"<built-in function {self.name}>"


def _torch_function(name: str):
    real = getattr(torch, name)

    def fn(interp: Interpreter, args: list, kwargs: dict, node: ast.Call) -> Any:
        kwargs = {k: v for k, v in kwargs.items() if k not in ("device", "generator")}
        info = CallInfo("function", f"torch.{name}", tuple(args), kwargs, node)
        if name in FACTORIES:
            result = interp.guard(lambda: real(*args, **kwargs, device="meta"), node, info)
            if name in ("randn", "rand"):
                interp.note_drawn(result, f"torch.{name}")
            return result
        if name == "zeros_like":
            return interp.guard(lambda: real(*args, **kwargs), node, info)
        if name == "tensor" and args and nplib.holds_array(args[0]):
            return nplib.to_tensor(interp, "torch.tensor", real, args[0], args[1:], kwargs, node)
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
            interp.record_graph(result, [list(args), list(kwargs.values())])
            return result
        except Exception as exc:  # noqa: BLE001
            return interp.rerun_real(lambda: real, args, kwargs, exc, node, info, standin=real)

    return _Builtin(f"torch.{name}", fn)


# torch functions whose answer is a Python value computed from the numbers (allclose: a bool):
# their arguments' shapes are checked as torch checks them, the value is unknown (_Value)
VALUE_FUNCTIONS = {"allclose": "isclose", "equal": None, "is_nonzero": None}
OPTIMIZERS = ("SGD", "Adam", "AdamW", "RMSprop", "Adagrad", "LBFGS")
# arguments a torch function may be handed: torch's own values, never the checker's objects
PLAIN = (torch.Tensor, int, float, bool, str, type(None), torch.dtype, slice, type(Ellipsis))


def _plain(value: Any, depth: int = 0) -> bool:
    if isinstance(value, PLAIN) or isinstance(value, rnn_utils.PackedSequence):
        return True
    if type(value) in (list, tuple) or isinstance(value, torch.Size):
        return depth < 4 and len(value) <= MAX_PIECES and all(_plain(v, depth + 1) for v in value)
    return False


def _torch_op(label: str, real):
    """A torch function (of torch, torch.nn.functional, torch.nn.init, ...) over tensors: meta
    first, then torch's CPU words; taken from torch's own namespace (torchlib), so strict."""
    name = label.rsplit(".", 1)[-1]

    def fn(interp: Interpreter, args: list, kwargs: dict, node: ast.Call) -> Any:
        kwargs = {k: v for k, v in kwargs.items() if k not in ("device", "generator")}
        if not _plain([args, list(kwargs.values())]):
            bad = next(type(v).__name__ for v in [*args, *kwargs.values()] if not _plain(v))
            raise Refused(f"a {bad} passed to {label}", node.lineno)
        info = CallInfo("function", label, tuple(args), kwargs, node)
        if name in VALUE_FUNCTIONS and _has_meta([args, list(kwargs.values())]):
            return interp.value_function(name, args, kwargs, node, info)
        result = _checked_result(interp.tensor_op(real, args, kwargs, node, info, name=name), label, node)
        if label in ("torch.randn_like", "torch.rand_like"):
            interp.note_drawn(result, label)
        if label in ("F.mse_loss", "F.l1_loss", "F.smooth_l1_loss") and len(args) >= 2:
            interp.check_loss_broadcast(label, args[0], args[1], node)
        return result

    return _Builtin(label, fn)


def _real_or_meta_factory(name: str):
    """torch.arange / torch.full: integer results (lengths, positions) are data, kept real when small."""
    real = getattr(torch, name)

    def fn(interp: Interpreter, args: list, kwargs: dict, node: ast.Call) -> Any:
        kwargs = {k: v for k, v in kwargs.items() if k not in ("device", "generator")}
        if not _plain([args, list(kwargs.values())]):
            raise Refused(f"these arguments to torch.{name}", node.lineno)
        info = CallInfo("function", f"torch.{name}", tuple(args), kwargs, node)
        probe = interp.guard(lambda: real(*args, **kwargs, device="meta"), node, info)
        small = probe.numel() <= MAX_REAL_RESULT and interp.real_elements + probe.numel() <= MAX_REAL_ELEMENTS
        if probe.is_floating_point() or probe.is_complex() or not small:
            return probe
        interp.real_elements += probe.numel()
        return interp.guard(lambda: real(*args, **kwargs), node, info)

    return _Builtin(f"torch.{name}", fn)


LEGACY_NAMES = {
    torch.float32: "FloatTensor",
    torch.float64: "DoubleTensor",
    torch.float16: "HalfTensor",
    torch.int64: "LongTensor",
    torch.int32: "IntTensor",
    torch.int16: "ShortTensor",
    torch.int8: "CharTensor",
    torch.uint8: "ByteTensor",
    torch.bool: "BoolTensor",
}
LEGACY_TENSORS = {
    "Tensor": _LegacyTensor("Tensor", torch.float32),
    **{name: _LegacyTensor(name, dtype) for dtype, name in LEGACY_NAMES.items()},
}


def _legacy_tensor(interp: Interpreter, kind: _LegacyTensor, args: list, kwargs: dict, node: ast.Call):
    """``torch.LongTensor(2, 3)``: an uninitialised (2, 3) tensor, on meta; ``torch.Tensor([[1, 2]])``:
    the data, built by torch's own legacy constructor on the CPU (size bounded as for torch.tensor)."""
    real = getattr(torch, kind.name)
    info = CallInfo("function", f"torch.{kind.name}", tuple(args), kwargs, node)
    if kwargs:
        raise Refused(f"torch.{kind.name} with keyword arguments", node.lineno)
    if len(args) == 1 and nplib.holds_array(args[0]):
        return nplib.to_tensor(interp, f"torch.{kind.name}", real, args[0], [], {}, node)
    sizes = list(args[0]) if len(args) == 1 and isinstance(args[0], torch.Size) else args or [0]
    if all(type(a) is int and a >= 0 for a in sizes):  # torch.Tensor() is empty: (0,)
        return interp.guard(lambda: torch.empty(*sizes, dtype=kind.dtype, device="meta"), node, info)
    if len(args) != 1 or type(args[0]) not in (list, tuple) or not _numbers(args[0]):
        raise Refused(f"torch.{kind.name} with these arguments", node.lineno)
    size = _weight(args[0], MAX_REAL_RESULT)
    if size > MAX_REAL_RESULT or interp.real_elements + size > MAX_REAL_ELEMENTS:
        raise Limit("data size", node.lineno)
    interp.real_elements += size
    value = interp.guard(lambda: real(args[0]), node, info)
    # integers are data torch reads (lengths, token ids): they stay real; floats go to meta
    return value.to("meta") if value.is_floating_point() or value.is_complex() else value


def _numbers(value: Any, depth: int = 0) -> bool:
    """Numbers, or (nested, at most 4 deep) lists and tuples of them: data a constructor can read."""
    if type(value) in (int, float, bool):
        return True
    if type(value) in (list, tuple):
        return depth < 4 and len(value) <= MAX_PIECES and all(_numbers(v, depth + 1) for v in value)
    return False


def _variable(interp: Interpreter, args: list, kwargs: dict, node: ast.Call) -> Any:
    """``Variable(x)`` (torch < 0.4; still importable): ``x``'s numbers outside its graph, with
    ``requires_grad`` as given (default False); ``volatile`` is ignored with a warning by torch."""
    if len(args) != 1 or set(kwargs) - {"requires_grad", "volatile"}:
        raise Refused("Variable with these arguments", node.lineno)
    data = args[0]
    if not isinstance(data, torch.Tensor):
        interp.fail(TypeError(f"Variable data has to be a tensor, but got {type(data).__name__}"), node)
    grad = kwargs.get("requires_grad", False)
    if type(grad) is not bool:
        raise Refused("Variable with these arguments", node.lineno)
    info = CallInfo("function", "Variable", tuple(args), kwargs, node)
    result = interp.guard(lambda: torch.autograd.Variable(data, requires_grad=grad), node, info)
    interp.derive(result, [data], node)
    interp.record_graph(result, data)
    return result


def _parameter(interp: Interpreter, args: list, kwargs: dict, node: ast.Call) -> Any:
    """``nn.Parameter(t, requires_grad=...)``: torch's own Parameter over the tensor (on meta)."""
    if len(args) > 2 or set(kwargs) - {"data", "requires_grad"} or not _plain([args, list(kwargs.values())]):
        raise Refused("nn.Parameter with these arguments", node.lineno)
    info = CallInfo("function", "nn.Parameter", tuple(args), kwargs, node)
    meta_args = _to_meta(tuple(args))
    meta_kwargs = {k: _to_meta(v) for k, v in kwargs.items()}
    try:
        result = nn.Parameter(*meta_args, **meta_kwargs)
    except Exception as exc:  # noqa: BLE001 - torch's CPU words
        interp.rerun_real(lambda: nn.Parameter, list(args), kwargs, exc, node, info)
        raise Refused("nn.Parameter with these arguments", node.lineno) from None
    interp.keep.append(result)
    return result


def _tensor_dataset(interp: Interpreter, args: list, kwargs: dict, node: ast.Call) -> _TensorDataset:
    if not args or kwargs or not all(isinstance(a, torch.Tensor) and a.dim() > 0 for a in args):
        raise Refused("TensorDataset of these values", node.lineno)
    if not all(a.shape[0] == args[0].shape[0] for a in args):
        interp.fail(AssertionError("Size mismatch between tensors"), node)
    return _TensorDataset(tuple(args))


def _data_loader(interp: Interpreter, args: list, kwargs: dict, node: ast.Call) -> _DataLoader:
    names = ("dataset", "batch_size", "shuffle")
    if len(args) > len(names) or set(kwargs) - {*names, "drop_last", "num_workers"}:
        raise Refused("DataLoader with these arguments", node.lineno)
    given = {**dict(zip(names, args, strict=False)), **kwargs}
    dataset, size = given.get("dataset"), given.get("batch_size", 1)
    shuffle, drop_last = given.get("shuffle", False), given.get("drop_last", False)
    own = isinstance(dataset, UserObject) and dataset.cls.dataset
    if not isinstance(dataset, _TensorDataset) and not own:
        raise Refused("DataLoader over this dataset", node.lineno)
    if type(size) is not int or type(shuffle) is not bool or type(drop_last) is not bool:
        raise Refused("DataLoader with these arguments", node.lineno)
    if size <= 0:
        interp.fail(
            ValueError(f"batch_size should be a positive integer value, but got batch_size={size}"), node
        )
    if own:
        return _DataLoader(dataset, size, drop_last, shuffle, interp.dataset_len(dataset, node))
    return _DataLoader(dataset, size, drop_last, shuffle)  # shuffled: Interpreter.shuffled_batches


def _linspace(interp: Interpreter, args: list, kwargs: dict, node: ast.Call) -> Any:
    kwargs = {k: v for k, v in kwargs.items() if k not in ("device", "generator")}
    if not _plain([args, list(kwargs.values())]):
        raise Refused("these arguments to torch.linspace", node.lineno)
    info = CallInfo("function", "torch.linspace", tuple(args), kwargs, node)
    return interp.guard(lambda: torch.linspace(*args, **kwargs, device="meta"), node, info)


def _optimizer(name: str):
    real = getattr(torch.optim, name)

    def fn(interp: Interpreter, args: list, kwargs: dict, node: ast.Call) -> Any:
        args = [a.take() if isinstance(a, _Generator) else a for a in args]
        if "params" in kwargs and isinstance(kwargs["params"], _Generator):
            kwargs = {**kwargs, "params": kwargs["params"].take()}
        params = args[0] if args else kwargs.get("params")
        if isinstance(params, list):  # param groups: [{"params": model.lstm.parameters(), "lr": ...}]
            params = [
                {**p, "params": p["params"].take()}
                if type(p) is dict and isinstance(p.get("params"), _Generator)
                else p
                for p in params
            ]
            args = [params, *args[1:]] if args else args
            kwargs = kwargs if args else {**kwargs, "params": params}
        groups = params if isinstance(params, list) else []
        plain = isinstance(params, (list, tuple)) and all(
            isinstance(p, torch.Tensor) or (type(p) is dict and _plain(list(p.values()))) for p in params
        )
        if not plain or not _plain([args[1:], list(v for k, v in kwargs.items() if k != "params")]):
            raise Refused(f"torch.optim.{name} over something other than parameters", node.lineno)
        if len(groups) > MAX_PIECES:
            raise Limit("list length", node.lineno)
        info = CallInfo("function", f"torch.optim.{name}", tuple(args), kwargs, node)
        return _Optimizer(interp.guard(lambda: real(*args, **kwargs), node, info))

    return _Builtin(f"torch.optim.{name}", fn)


def _clip_grad(name: str):
    def fn(interp: Interpreter, args: list, kwargs: dict, node: ast.Call) -> Any:
        params = args[0] if args else kwargs.get("parameters")
        if isinstance(params, _Generator):
            params = params.take()
        if isinstance(params, torch.Tensor):
            params = [params]
        if not isinstance(params, (list, tuple)) or not all(isinstance(p, torch.Tensor) for p in params):
            raise Refused(f"{name} over something other than parameters", node.lineno)
        # no gradients on meta (backward is not computed here): torch's answer over none of them
        return torch.zeros((), device="meta") if name == "clip_grad_norm_" else None

    return _Builtin(f"torch.nn.utils.{name}", fn)


def _rnn_util(name: str):
    real = getattr(rnn_utils, name)

    def fn(interp: Interpreter, args: list, kwargs: dict, node: ast.Call) -> Any:
        info = CallInfo("function", name, tuple(args), kwargs, node)
        if name == "pack_sequence":
            sequences = args[0] if args else kwargs.get("sequences")
            if type(sequences) not in (list, tuple) or not all(
                isinstance(t, torch.Tensor) for t in sequences
            ):
                raise Refused("pack_sequence of something other than a list of tensors", node.lineno)
            if len(sequences) > MAX_PIECES:
                raise Limit("list length", node.lineno)
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
            if name == "pack_sequence":  # each sequence's length is its first dimension
                sequences = args[0] if args else kwargs.get("sequences")
                lengths = [t.shape[0] for t in sequences]
            order = torch.sort(torch.as_tensor(lengths, dtype=torch.int64), descending=True)[1]
            inverse = torch.empty_like(order)
            inverse[order] = torch.arange(order.numel())
            result = result._replace(sorted_indices=order, unsorted_indices=inverse)
        interp.record_graph(result, [list(args), list(kwargs.values())])
        return result

    return _Builtin(name, fn)


def _packed_sequence(interp: Interpreter, args: list, kwargs: dict, node: ast.Call) -> Any:
    """``PackedSequence(data, batch_sizes, ...)`` built by hand: torch's own constructor and checks;
    batch sizes are data torch reads on the CPU, so they must be written as data."""
    if not _plain([args, list(kwargs.values())]) or any(
        isinstance(v, torch.Tensor) and v.device.type == "meta"
        for v in [*args[1:], *kwargs.values()]
        if v is not kwargs.get("data")
    ):
        raise Refused("PackedSequence built from these values", node.lineno)
    info = CallInfo("function", "PackedSequence", tuple(args), kwargs, node)
    return interp.guard(lambda: rnn_utils.PackedSequence(*args, **kwargs), node, info)


def _py(name: str, fn, compares: bool = False):
    """A Python builtin; ``compares``: it compares its arguments' items (sorted, max, min), which
    walks their shared parts each time, so their weight is checked (and counted) first."""

    def wrapper(interp: Interpreter, args: list, kwargs: dict, node: ast.Call) -> Any:
        if compares:
            interp.check_weight([args, list(kwargs.values())], node)
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


def _number(kind: type):
    """int(x) / float(x); of a number from a meta tensor's .item(), a number as unknown."""

    def convert(*a, **k):
        if len(a) == 1 and not k and isinstance(a[0], _Value):
            if a[0].kind is str:
                raise _NeedsValue
            return _Value(kind)
        return kind(*a, **k)

    return convert


def _round(x, ndigits=None):
    if isinstance(x, _Value) and x.kind is str:
        raise _NeedsValue
    if isinstance(x, _Value):
        return _Value(int if ndigits is None else float)
    if isinstance(ndigits, int) and abs(ndigits) > 400:
        raise _TooBig
    return round(x) if ndigits is None else round(x, ndigits)


def _sorted(x, reverse=False):
    return sorted(_pieces(_seq(x)), reverse=reverse)


def _reversed(x):
    return list(reversed(_seq(x)))


def _len(x):
    if isinstance(x, _Generator):
        raise TypeError("object of type 'generator' has no len()")
    if isinstance(
        x, (UserObject, UserClass, UserFunction, _Bound, _Builtin, Namespace, _Optimizer, _TypeHint)
    ):
        raise _NotModelled
    return len(x)


def _next(x, *default):
    """``next(model.parameters())``: the first item of a generator (it is used up by one)."""
    if not isinstance(x, _Generator) or len(default) > 1:
        raise _NotModelled
    if x.used or not x.items:
        if default:
            return default[0]
        raise StopIteration
    return x.items.pop(0)  # the rest stay for the next next() or loop


def _str(x=""):
    if _weight(x, MAX_WEIGHT) > MAX_WEIGHT or _text_size(x) > MAX_TEXT:
        raise _TooBig
    return str(x)


BUILTINS = {
    "range": _Builtin("range", _range),
    "enumerate": _py("enumerate", lambda x, start=0: _Enumerate(enumerate(_seq(x), start))),
    "zip": _py("zip", lambda *xs: _Zip(zip(*(_seq(x) for x in xs), strict=False))),
    "len": _py("len", _len),
    "int": _py("int", _number(int)),
    "float": _py("float", _number(float)),
    "round": _py("round", _round),
    "sorted": _py("sorted", _sorted, compares=True),
    "reversed": _py("reversed", _reversed),
    "bool": _py("bool", bool),
    "str": _py("str", _str),
    "list": _py("list", lambda x=(): _seq(x)),
    "tuple": _py("tuple", lambda x=(): tuple(_seq(x))),
    "max": _py("max", _extreme(max), compares=True),
    "min": _py("min", _extreme(min), compares=True),
    "abs": _py("abs", abs),
    "sum": _py("sum", _sum),
    "print": _Builtin("print", _print),
    "next": _py("next", _next),
    "True": True,
    "False": False,
    "None": None,
}
FORBIDDEN_NAMES = {
    "eval",
    "exec",
    "open",
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


def _checked_result(result: Any, label: str, node: ast.AST) -> Any:
    """What a function taken generically from torch gave back must be torch's own values (tensors,
    numbers, dtypes, sizes, torch.max's (values, indices)): anything else (a module object, a
    stream, a handle) could carry a path or an address into a message, so it is refused."""
    fields = list(result) if type(result).__module__ == "torch.return_types" else [result]
    if not all(_plain(v) for v in fields):
        raise Refused(f"what {label} gives back", getattr(node, "lineno", 0))
    return result


def _ops(label: str, namespace: str) -> dict[str, _Builtin]:
    """Every function of one of torch's namespaces that only computes (torchlib), run as _torch_op."""
    module = torchlib.FUNCTION_NAMESPACES[namespace]
    return {n: _torch_op(f"{label}.{n}", f) for n, f in torchlib.functions(module).items()}


_F = Namespace("torch.nn.functional", _ops("F", "torch.nn.functional"))
_INIT = Namespace("torch.nn.init", _ops("nn.init", "torch.nn.init"))
_NN.members["init"] = _INIT
_NN.members["Parameter"] = _Builtin("nn.Parameter", lambda i, a, k, n: _parameter(i, a, k, n))
_NN.members["functional"] = _F


def _scheduler(name: str):
    real = getattr(torch.optim.lr_scheduler, name)

    def fn(interp: Interpreter, args: list, kwargs: dict, node: ast.Call) -> Any:
        opt = args[0] if args else kwargs.get("optimizer")
        rest = [args[1:], [v for k, v in kwargs.items() if k != "optimizer"]]
        if not isinstance(opt, _Optimizer) or not _plain(rest):
            raise Refused(f"torch.optim.lr_scheduler.{name} over these arguments", node.lineno)
        args = [opt.real, *args[1:]] if args else args
        kwargs = {**kwargs, "optimizer": opt.real} if "optimizer" in kwargs else kwargs
        info = CallInfo("function", f"torch.optim.lr_scheduler.{name}", tuple(args), kwargs, node)
        interp.charge(node, BUILD_S)
        return _Scheduler(interp.guard(lambda: real(*args, **kwargs), node, info))

    return _Builtin(f"torch.optim.lr_scheduler.{name}", fn)


# the schedules a number of steps alone decides (not ReduceLROnPlateau: it reads the loss's value;
# not LambdaLR and friends: they call the snippet's functions or other schedules)
SCHEDULERS = ("StepLR", "MultiStepLR", "ExponentialLR", "CosineAnnealingLR", "LinearLR", "ConstantLR")
SCHEDULERS += ("OneCycleLR",)
_LR_SCHEDULER = Namespace("torch.optim.lr_scheduler", {n: _scheduler(n) for n in SCHEDULERS})
_OPTIM = Namespace("torch.optim", {**{n: _optimizer(n) for n in OPTIMIZERS}, "lr_scheduler": _LR_SCHEDULER})
_RNN_UTILS = Namespace(
    "torch.nn.utils.rnn",
    {
        **{
            n: _rnn_util(n)
            for n in ("pack_padded_sequence", "pad_packed_sequence", "pad_sequence", "pack_sequence")
        },
        "PackedSequence": _Builtin("PackedSequence", _packed_sequence),
    },
)
_TORCH = Namespace(
    "torch",
    {
        **_ops("torch", "torch"),
        **{
            n: Namespace(f"torch.{n}", _ops(f"torch.{n}", f"torch.{n}")) for n in ("linalg", "fft", "special")
        },
        **{n: _torch_function(n) for n in (*FACTORIES, "tensor", "cat", "stack", "zeros_like")},
        "arange": _real_or_meta_factory("arange"),
        "full": _real_or_meta_factory("full"),
        "linspace": _Builtin("torch.linspace", _linspace),
        **LEGACY_TENSORS,
        **DTYPES,
        "nn": _NN,
        "optim": _OPTIM,
        "no_grad": _Builtin("torch.no_grad", lambda i, a, k, n: _NoGrad()),
        "manual_seed": _Builtin("torch.manual_seed", lambda i, a, k, n: None),
        "device": _Builtin("torch.device", lambda i, a, k, n: str(a[0]) if a else "cpu"),
        "cuda": Namespace(
            "torch.cuda", {"is_available": _Builtin("torch.cuda.is_available", lambda i, a, k, n: False)}
        ),
        "Size": _py("torch.Size", torch.Size),
        "pi": math.pi,
        "e": math.e,
        "inf": math.inf,
        "nan": math.nan,
    },
)
_NN.members["utils"] = Namespace(
    "torch.nn.utils",
    {"rnn": _RNN_UTILS, **{n: _clip_grad(n) for n in ("clip_grad_norm_", "clip_grad_value_")}},
)
_AUTOGRAD = Namespace("torch.autograd", {"Variable": _Builtin("Variable", _variable)})
# the standard library a whole script imports around its model: pure functions and constants only
# (nothing that reads files, processes, the network or the interpreter); anything else is refused
_MATH = Namespace(
    "math",
    {
        **{
            n: _py(f"math.{n}", getattr(math, n))
            for n in ("floor", "ceil", "sqrt", "exp", "log", "log2", "log10", "sin", "cos", "tanh", "fabs")
        },
        **{n: _py(f"math.{n}", getattr(math, n)) for n in ("isnan", "isinf", "isfinite")},
        **{n: getattr(math, n) for n in ("pi", "e", "inf", "nan", "tau")},
    },
)


def _clock(interp: Interpreter, args: list, kwargs: dict, node: ast.Call) -> float:
    """``time.time()``: a stand-in clock that reads the checking work counted so far, in seconds
    (no verdict depends on it; scripts print elapsed times with it)."""
    if args or kwargs:
        raise Refused("time.time with arguments", node.lineno)
    return interp.work


_TIME = Namespace("time", {"time": _Builtin("time.time", _clock)})
_STRING = Namespace(
    "string",
    {
        n: getattr(string, n)
        for n in (
            "ascii_letters",
            "ascii_lowercase",
            "ascii_uppercase",
            "digits",
            "hexdigits",
            "octdigits",
            "punctuation",
            "printable",
            "whitespace",
        )
    },
)
# numpy: the import alone (learners import it and often never use it); every np.<name> is refused
_NUMPY = Namespace("numpy", {})
_TORCH.members["autograd"] = _AUTOGRAD
_TORCH.members["from_numpy"] = _Builtin("torch.from_numpy", lambda i, a, k, n: _from_numpy(i, a, k, n))
_DATA = Namespace(
    "torch.utils.data",
    {
        "Dataset": DATASET,
        "TensorDataset": _Builtin("TensorDataset", _tensor_dataset),
        "DataLoader": _Builtin("DataLoader", _data_loader),
    },
)
_TORCH.members["utils"] = Namespace("torch.utils", {"data": _DATA})
NAMESPACES = {
    "torch": _TORCH,
    "torch.autograd": _AUTOGRAD,
    "torch.utils": _TORCH.members["utils"],
    "torch.utils.data": _DATA,
    "math": _MATH,
    "time": _TIME,
    "string": _STRING,
    "numpy": _NUMPY,
    "torch.nn": _NN,
    "torch.nn.utils.rnn": _RNN_UTILS,
    "torch.nn.utils": _NN.members["utils"],
    "torch.nn.functional": _F,
    "torch.nn.init": _INIT,
    "torch.linalg": _TORCH.members["linalg"],
    "torch.fft": _TORCH.members["fft"],
    "torch.special": _TORCH.members["special"],
    "torch.optim": _OPTIM,
    "torch.optim.lr_scheduler": _LR_SCHEDULER,
}


def _from_numpy(interp: Interpreter, args: list, kwargs: dict, node: ast.Call) -> Any:
    if len(args) != 1 or kwargs or not isinstance(args[0], nplib.np.ndarray):
        given = type(args[0]).__name__ if len(args) == 1 else None
        if given and not kwargs and not isinstance(args[0], (nplib.np.ndarray, pylib.Opaque)):
            interp.fail(TypeError(f"expected np.ndarray (got {given})"), node)
        raise Refused("torch.from_numpy with these arguments", node.lineno)
    return nplib.to_tensor(interp, "torch.from_numpy", torch.from_numpy, args[0], [], {}, node)


# the Python around a model (pylib) and a numpy subset (nplib), registered into the tables above
from explainer.debugger import nplib, pylib  # noqa: E402 - they build on the definitions above

pylib.register(BUILTINS)
NAMESPACES.update(pylib.NAMESPACES)
NAMESPACES["numpy"] = nplib.NUMPY
NAMESPACES["numpy.random"] = nplib.RANDOM
NAMESPACES["numpy.lib"] = nplib.LIB
NAMESPACES["numpy.lib.stride_tricks"] = nplib.STRIDE_TRICKS
NAMESPACES["time"].members.update(pylib.TIME_MEMBERS)


def warm_up() -> None:
    """torch's first meta-device RNN call loads its kernels (~1.6 s here): pay it once per process."""
    for cls in RNN_CLASSES.values():
        cls(2, 2, device="meta")(torch.empty(1, 1, 2, device="meta"))
