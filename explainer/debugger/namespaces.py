"""What a snippet may name: the safe builtins and the modules it may import (torch, torch.nn,
torch.optim, math, numpy, ...), as tables of names -> the checker's own implementations.
Anything not in a table is refused.
"""

from __future__ import annotations

import ast
import math
import string
from typing import TYPE_CHECKING, Any

import torch
from torch import nn
from torch.nn.utils import rnn as rnn_utils

from explainer.debugger import nplib, pylib, torchlib
from explainer.debugger.errors import Limit, Refused, UserError
from explainer.debugger.limits import (
    BUILD_S,
    MAX_ITERATIONS,
    MAX_PIECES,
    MAX_REAL_ELEMENTS,
    MAX_REAL_RESULT,
    MAX_TEXT,
    MAX_WEIGHT,
)
from explainer.debugger.meta import _has_meta, _has_real, _to_meta
from explainer.debugger.record import CallInfo
from explainer.debugger.sizes import _text_size, _weight
from explainer.debugger.values import (
    DATASET,
    Namespace,
    UserClass,
    UserFunction,
    UserObject,
    _Bound,
    _Builtin,
    _DataLoader,
    _Enumerate,
    _Generator,
    _LegacyTensor,
    _NeedsValue,
    _NoGrad,
    _NotModelled,
    _numbers,
    _Optimizer,
    _plain,
    _Scheduler,
    _TensorDataset,
    _TooBig,
    _TypeHint,
    _Value,
    _Zip,
)

if TYPE_CHECKING:
    from explainer.debugger.interp import Interpreter


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


pylib.register(BUILTINS)
NAMESPACES.update(pylib.NAMESPACES)
NAMESPACES["numpy"] = nplib.NUMPY
NAMESPACES["numpy.random"] = nplib.RANDOM
NAMESPACES["numpy.lib"] = nplib.LIB
NAMESPACES["numpy.lib.stride_tricks"] = nplib.STRIDE_TRICKS
NAMESPACES["time"].members.update(pylib.TIME_MEMBERS)
