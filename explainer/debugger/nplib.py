"""A numpy subset for the scripts around a model: creation, random, reshape/astype, arithmetic,
from_numpy / torch.tensor of an array and a tensor's ``.numpy()``.

An array is a real numpy array, small (each at most MAX_REAL_RESULT numbers, all of them counted
against MAX_REAL_ELEMENTS), computed for real: numpy computing on bounded numbers is safe. Its
values are known when the snippet wrote them (``np.eye(5)``, ``np.linspace``) and not known when
they were drawn at random (the real run draws others) or came from a meta tensor's ``.numpy()``:
those arrays are ``UnknownArray``s, whose shape and dtype are exact and whose numbers are
stand-ins; a number read out of one is unknown here (``_Value``) and never decides a shape.
"""

from __future__ import annotations

import ast
import math
import operator
import weakref
from typing import Any

import numpy as np
import torch

from explainer.debugger.errors import Limit, Refused
from explainer.debugger.limits import MAX_REAL_ELEMENTS, MAX_REAL_RESULT
from explainer.debugger.pylib import NeedsOpaque, Opaque, holds_opaque, shown_type
from explainer.debugger.record import CallInfo
from explainer.debugger.values import Namespace, _Builtin, _Generator, _Value


class UnknownArray(np.ndarray):
    """An array whose numbers the real run has and this checker does not (shape and dtype exact).

    numpy keeps the subclass through arithmetic, ufuncs and reshapes, so what is computed from
    one is unknown too.
    """

    def __repr__(self) -> str:
        return f"array(<{self.size} numbers not known here>, shape={self.shape}, dtype={self.dtype})"

    __str__ = __repr__


def unknown(array: np.ndarray) -> UnknownArray:
    return np.asarray(array).view(UnknownArray)


# arrays the snippet wrote whose numbers became unknown in place (``a[i] = drawn``): by identity
_MARKED: dict[int, weakref.ref] = {}


def mark_unknown(array: np.ndarray) -> None:
    if len(_MARKED) > 10_000:
        for key in [k for k, ref in _MARKED.items() if ref() is None]:
            del _MARKED[key]
    _MARKED[id(array)] = weakref.ref(array)


def is_unknown(value: Any) -> bool:
    if isinstance(value, UnknownArray):
        return True
    ref = _MARKED.get(id(value)) if isinstance(value, np.ndarray) else None
    return ref is not None and ref() is value


def rows(array: np.ndarray) -> list:
    """What iterating an array gives: its rows; a number from an unknown array is unknown."""
    hidden = is_unknown(array)
    out = []
    for row in np.asarray(array):
        if isinstance(row, np.ndarray):
            out.append(unknown(row) if hidden else row)
        else:
            out.append(_scalar(row, hidden))
    return out


def _count(interp, n: int, node: ast.AST) -> None:
    if n > MAX_REAL_RESULT or interp.real_elements + n > MAX_REAL_ELEMENTS:
        raise Limit("data size", node.lineno)
    interp.real_elements += n


def _shape_size(shape: Any) -> int:
    if isinstance(shape, (int, np.integer)):
        return max(int(shape), 0)
    if type(shape) in (list, tuple) and all(isinstance(d, (int, np.integer)) for d in shape):
        return math.prod(max(int(d), 0) for d in shape)
    return -1


def _plain(value: Any, depth: int = 0) -> bool:
    """Arguments numpy may read: numbers, strings, arrays, dtypes, and lists/tuples of them."""
    if value is None or type(value) in (int, float, bool, str, slice, range) or value is Ellipsis:
        return True
    if isinstance(value, (np.ndarray, np.generic, np.dtype)) or any(value is d for d in DTYPE_VALUES):
        return True
    if type(value) in (list, tuple):
        return depth < 6 and len(value) <= MAX_REAL_RESULT and all(_plain(v, depth + 1) for v in value)
    return False


def _standins(value: Any, found: list, depth: int = 0) -> Any:
    """Numbers only the real run has (``_Value``), inside lists, as numbers of their kind."""
    if isinstance(value, _Value):
        found.append(value)
        return value.standin
    if type(value) in (list, tuple) and depth < 6:
        if not any(isinstance(v, (_Value, list, tuple)) for v in value):
            return value
        return type(value)(_standins(v, found, depth + 1) for v in value)
    return value


PY_TYPES = {"int": int, "float": float, "bool": bool}


def _check_args(interp, label: str, args: list, kwargs: dict, node: ast.AST) -> None:
    """Refuse what numpy must not be handed; Python's int/float/bool (dtype=int) become themselves."""
    for i, v in enumerate(args):
        if isinstance(v, _Builtin) and v.name in PY_TYPES:
            args[i] = PY_TYPES[v.name]
    for k, v in kwargs.items():
        if isinstance(v, _Builtin) and v.name in PY_TYPES:
            kwargs[k] = PY_TYPES[v.name]
    dtypes = [kwargs.get("dtype")] + (list(args[:1]) if label == "ndarray.astype" else [])
    dtypes += [a for a in args[1:3] if isinstance(a, (str, np.dtype))] if label.startswith("numpy.") else []
    for v in dtypes:
        if isinstance(v, (str, np.dtype)):
            try:
                kind = np.dtype(v)
            except TypeError:
                continue  # numpy's own error follows
            if kind.kind not in "biuf" or kind.itemsize > 8:
                raise Refused(f"the dtype {v!r} in {label}", node.lineno)
    hidden = holds_opaque([args, list(kwargs.values())])
    if hidden is not None:
        from explainer.debugger.pylib import NeedsOpaque  # noqa: PLC0415

        raise interp.needs(NeedsOpaque(hidden), node)
    for v in [*args, *kwargs.values()]:
        if isinstance(v, _Value):
            raise Refused(f"a number that is not known here, passed to {label}", node.lineno)
        if isinstance(v, torch.Tensor):
            raise Refused(f"a tensor passed to {label} (use .numpy())", node.lineno)
        if not _plain(v):
            raise Refused(f"a {shown_type(v)} passed to {label}", node.lineno)
    if sum(a.size for a in [*args, *kwargs.values()] if isinstance(a, np.ndarray)) > MAX_REAL_ELEMENTS:
        raise Limit("data size", node.lineno)


def _result(interp, value: Any, node: ast.AST, drawn: bool = False, inputs: tuple = ()) -> Any:
    if isinstance(value, np.ndarray):
        if value.dtype == object:
            raise Refused("a numpy array of Python objects", node.lineno)
        _count(interp, value.size, node)
        if drawn or any(is_unknown(a) for a in inputs):
            return unknown(value)
        return value
    if isinstance(value, np.generic):
        return _scalar(value, drawn or any(is_unknown(a) for a in inputs))
    if isinstance(value, tuple):
        return tuple(_result(interp, v, node, drawn, inputs) for v in value)
    return value


def _scalar(value: np.generic, hidden: bool) -> Any:
    """A numpy number as the snippet sees it; one from unknown numbers is unknown."""
    if not hidden:
        return value
    kind = bool if isinstance(value, np.bool_) else int if isinstance(value, np.integer) else float
    number = _Value(kind)
    number.numpy = type(
        value
    )  # np.float32: what default_collate makes of it (a value derived is a new _Value)
    return number


def _ragged_safe(value: Any) -> Any:
    """``np.asarray`` of a list, or the list itself where its rows differ in length (numpy's own
    call then says why, or takes it, as concatenate does)."""
    try:
        return np.asarray(value)
    except ValueError:
        return value


def _size_of(value: Any) -> int:
    array = _ragged_safe(value)
    return array.size if isinstance(array, np.ndarray) else sum(_size_of(v) for v in value)


def _preflight_size(label: str, args: list, kwargs: dict) -> int:
    """An upper bound on the result's size, from the arguments alone (-1: cannot tell)."""
    if label in ("concatenate", "stack", "vstack", "hstack", "column_stack"):
        # the pieces one by one: [np.zeros(2), np.zeros(3)] is no array, but concatenates
        pieces = args[0] if args and type(args[0]) in (list, tuple) else []
        return sum(_size_of(a) for a in pieces)
    arrays = [_ragged_safe(a) if type(a) in (list, tuple) else a for a in args]
    sizes = [a.size for a in arrays if isinstance(a, np.ndarray)]
    shapes = [a.shape for a in arrays if isinstance(a, np.ndarray)]
    try:
        return math.prod(np.broadcast_shapes(*shapes)) if shapes else 1
    except ValueError:
        return max(sizes, default=1)  # numpy raises its own error


def _creation(name: str):
    """np.zeros(shape) and friends: the size is known before anything is built."""
    real = getattr(np, name)

    def fn(interp, args: list, kwargs: dict, node: ast.Call) -> Any:
        _check_args(interp, f"numpy.{name}", args, kwargs, node)
        info = CallInfo("function", f"numpy.{name}", tuple(args), kwargs, node)
        if name in ("eye", "identity"):
            n, m = (args + [None, None])[:2] if name == "eye" else (args[0] if args else None, None)
            n = kwargs.get("N", n)
            m = kwargs.get("M", m)
            size = _shape_size(n) * _shape_size(m if m is not None else n)
        elif name in ("zeros_like", "ones_like", "empty_like", "full_like"):
            size = np.asarray(args[0]).size if args else 0
        else:
            size = _shape_size(args[0] if args else kwargs.get("shape"))
        if size < 0:
            size = (
                MAX_REAL_RESULT + 1
                if not args
                else _shape_size(tuple(args[0]))
                if type(args[0]) in (list, tuple)
                else -1
            )
        if size < 0:
            raise Refused(f"numpy.{name} with these sizes", node.lineno)
        if size > MAX_REAL_RESULT:
            raise Limit("data size", node.lineno)
        value = interp.guard(lambda: real(*args, **kwargs), node, info)
        unknown_values = name in ("empty", "empty_like")  # whatever memory held: not known
        return _result(interp, value, node, drawn=unknown_values, inputs=tuple(args))

    return _Builtin(f"numpy.{name}", fn)


def _ranged(name: str):
    """np.arange / np.linspace: the count is worked out before the array is built."""
    real = getattr(np, name)

    def fn(interp, args: list, kwargs: dict, node: ast.Call) -> Any:
        _check_args(interp, f"numpy.{name}", args, kwargs, node)
        info = CallInfo("function", f"numpy.{name}", tuple(args), kwargs, node)
        numbers = (int, float, np.integer, np.floating)
        if name == "linspace":
            num = args[2] if len(args) > 2 else kwargs.get("num", 50)
            if not isinstance(num, numbers) or num > MAX_REAL_RESULT:
                if not isinstance(num, numbers):
                    raise Refused("numpy.linspace with this count", node.lineno)
                raise Limit("data size", node.lineno)
        else:
            nums = [a for a in args if isinstance(a, numbers) and not isinstance(a, bool)]
            if len(nums) != len(args) or not args or len(nums) > 3 or set(kwargs) - {"dtype"}:
                raise Refused("numpy.arange with these arguments", node.lineno)
            start, stop, step = (
                (0, nums[0], 1) if len(nums) == 1 else (*nums[:2], nums[2] if len(nums) > 2 else 1)
            )
            if step and (stop - start) / step > MAX_REAL_RESULT:
                raise Limit("data size", node.lineno)
        value = interp.guard(lambda: real(*args, **kwargs), node, info)
        return _result(interp, value, node)

    return _Builtin(f"numpy.{name}", fn)


def _computed(name: str, real=None):
    """A numpy function of arrays whose result is no larger than its inputs broadcast together."""
    real = real or getattr(np, name)

    def fn(interp, args: list, kwargs: dict, node: ast.Call) -> Any:
        hidden = [a for a in args if isinstance(a, _Value)]
        if hidden and all(isinstance(a, (_Value, int, float, bool)) for a in args) and not kwargs:
            # np.exp(loss.item()): computed on a number of the same kind; the result is unknown too
            args = [a.standin if isinstance(a, _Value) else a for a in args]
            value = interp.guard(
                lambda: real(*args), node, CallInfo("function", f"numpy.{name}", tuple(args))
            )
            return (
                _scalar(value, True) if isinstance(value, np.generic) else _result(interp, value, node, True)
            )
        found: list = []
        args = [_standins(a, found) if type(a) in (list, tuple) else a for a in args]  # np.array([x.item()])
        _check_args(interp, f"numpy.{name}", args, kwargs, node)
        info = CallInfo("function", f"numpy.{name}", tuple(args), kwargs, node)
        if _preflight_size(name, args, kwargs) > MAX_REAL_RESULT:
            raise Limit("data size", node.lineno)
        value = interp.guard(lambda: real(*args, **kwargs), node, info)
        inputs = (
            tuple(args)
            + tuple(kwargs.values())
            + tuple(args[0] if args and type(args[0]) in (list, tuple) else ())
        )
        return _result(interp, value, node, drawn=bool(found), inputs=inputs)

    return _Builtin(f"numpy.{name}", fn)


def _random(name: str):
    """np.random.*: drawn from a local, seeded generator; the real run draws other numbers, so
    the array's numbers are unknown here (its shape and dtype are numpy's own)."""

    def fn(interp, args: list, kwargs: dict, node: ast.Call) -> Any:
        _check_args(interp, f"numpy.random.{name}", args, kwargs, node)
        info = CallInfo("function", f"numpy.random.{name}", tuple(args), kwargs, node)
        rng = getattr(interp, "np_random", None)
        if rng is None:
            rng = interp.np_random = np.random.RandomState(0)
        if name == "seed":
            return None
        if name in ("rand", "randn"):
            size = _shape_size(tuple(args)) if args else 1
        elif name in ("shuffle", "permutation"):
            first = args[0] if args else None
            size = first.size if isinstance(first, np.ndarray) else _shape_size(first)
            if type(first) is list:
                size = len(first)
        else:
            size = kwargs.get(
                "size", args[2] if name in ("randint", "uniform", "normal") and len(args) > 2 else None
            )
            if name in ("random", "random_sample", "rand") and args:
                size = args[0]
            if name == "choice":
                size = kwargs.get("size", args[1] if len(args) > 1 else None)
            size = 1 if size is None else _shape_size(size)
        if size < 0:
            raise Refused(f"numpy.random.{name} with this size", node.lineno)
        if size > MAX_REAL_RESULT:
            raise Limit("data size", node.lineno)
        if name == "shuffle":
            target = args[0] if args else None
            if isinstance(target, np.ndarray):
                interp.guard(lambda: rng.shuffle(target), node, info)
                mark_unknown(target)  # the real run's order differs: its rows are not known here
                return None
            if type(target) is list:
                import random as _r  # noqa: PLC0415

                _r.Random(0).shuffle(target)  # the order differs from the real run's; its length does not
                return None
            raise Refused("numpy.random.shuffle of this value", node.lineno)
        value = interp.guard(lambda: getattr(rng, name)(*args, **kwargs), node, info)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return _Value(type(value))
        return _result(
            interp, np.asarray(value) if not isinstance(value, np.generic) else value, node, drawn=True
        )

    return _Builtin(f"numpy.random.{name}", fn)


RANDOM = Namespace(
    "numpy.random",
    {
        n: _random(n)
        for n in (
            "seed",
            "rand",
            "randn",
            "randint",
            "random",
            "random_sample",
            "uniform",
            "normal",
            "choice",
            "permutation",
            "shuffle",
        )
    },
)

DTYPES = {
    n: getattr(np, n)
    for n in (
        "float16",
        "float32",
        "float64",
        "int8",
        "int16",
        "int32",
        "int64",
        "uint8",
        "bool_",
        "longlong",
    )
}
DTYPES.update({"float": np.float64, "int": np.int64, "double": np.float64, "single": np.float32})
DTYPE_VALUES = set(DTYPES.values()) | {float, int, bool}
UFUNCS = (
    "sin",
    "cos",
    "tan",
    "tanh",
    "exp",
    "log",
    "log2",
    "log10",
    "sqrt",
    "abs",
    "absolute",
    "floor",
    "ceil",
    "round",
    "around",
    "sign",
    "square",
    "maximum",
    "minimum",
    "add",
    "subtract",
    "multiply",
    "divide",
    "power",
    "clip",
    "where",
    "isnan",
)
REDUCTIONS = ("sum", "mean", "max", "min", "argmax", "argmin", "std", "var", "prod", "cumsum", "all", "any")
SHAPES = (
    "reshape",
    "transpose",
    "expand_dims",
    "squeeze",
    "concatenate",
    "stack",
    "vstack",
    "hstack",
    "array_split",
    "split",
    "flip",
    "ravel",
)


def _as_strided(interp, args: list, kwargs: dict, node: ast.Call) -> Any:
    """``np.lib.stride_tricks.as_strided(x, shape, strides)``: the result has exactly the shape
    asked for (numpy checks nothing else); its numbers are not known here (strides are bytes of
    a memory layout this run need not share with the real one). Nothing reads memory through the
    snippet's strides: numpy's own argument checks run on one zero with zero strides."""
    _check_args(interp, "numpy.lib.stride_tricks.as_strided", [], {}, node)
    names = ("x", "shape", "strides", "subok", "writeable")
    if len(args) > len(names) or set(kwargs) - set(names) or kwargs.get("subok"):
        raise Refused("numpy.lib.stride_tricks.as_strided with these arguments", node.lineno)
    given = dict(zip(names, args, strict=False)) | kwargs
    x, shape, strides = given.get("x"), given.get("shape"), given.get("strides")
    sequences = (list, tuple)
    if not isinstance(x, np.ndarray) or type(shape) not in sequences or type(strides) not in sequences:
        raise Refused("numpy.lib.stride_tricks.as_strided without an array, a shape and strides", node.lineno)
    if not all(isinstance(n, (int, np.integer)) and not isinstance(n, bool) for n in shape):
        raise Refused("numpy.lib.stride_tricks.as_strided with this shape", node.lineno)
    if not all(isinstance(n, (int, np.integer, _Value)) and not isinstance(n, bool) for n in strides):
        raise Refused("numpy.lib.stride_tricks.as_strided with these strides", node.lineno)
    if _shape_size(tuple(shape)) > MAX_REAL_RESULT or len(shape) > 32:
        raise Limit("data size", node.lineno)
    info = CallInfo("function", "numpy.lib.stride_tricks.as_strided", tuple(args), kwargs, node)
    one = np.zeros(1, dtype=x.dtype)
    interp.guard(
        lambda: np.lib.stride_tricks.as_strided(one, shape=tuple(shape), strides=(0,) * len(strides)),
        node,
        info,
    )
    _count(interp, _shape_size(tuple(shape)), node)
    return unknown(np.zeros(tuple(shape), dtype=x.dtype))


def _sliding_window_view(interp, args: list, kwargs: dict, node: ast.Call) -> Any:
    """``sliding_window_view(x, window_shape, axis=None)``: numpy's own read-only view (it checks
    the window against the array), its numbers those of ``x``."""
    _check_args(interp, "numpy.lib.stride_tricks.sliding_window_view", args, kwargs, node)
    info = CallInfo("function", "numpy.lib.stride_tricks.sliding_window_view", tuple(args), kwargs, node)
    value = interp.guard(lambda: np.lib.stride_tricks.sliding_window_view(*args, **kwargs), node, info)
    if isinstance(value, np.ndarray) and value.size > MAX_REAL_RESULT:
        raise Limit("data size", node.lineno)
    return _result(interp, value, node, inputs=tuple(args))


STRIDE_TRICKS = Namespace(
    "numpy.lib.stride_tricks",
    {
        "as_strided": _Builtin("numpy.lib.stride_tricks.as_strided", _as_strided),
        "sliding_window_view": _Builtin("numpy.lib.stride_tricks.sliding_window_view", _sliding_window_view),
    },
)
LIB = Namespace("numpy.lib", {"stride_tricks": STRIDE_TRICKS})

NUMPY = Namespace(
    "numpy",
    {
        **{n: _creation(n) for n in ("zeros", "ones", "empty", "full", "eye", "identity")},
        **{n: _creation(n) for n in ("zeros_like", "ones_like", "empty_like", "full_like")},
        **{n: _computed(n) for n in ("array", "asarray")},
        **{n: _ranged(n) for n in ("arange", "linspace")},
        **{n: _computed(n) for n in UFUNCS + REDUCTIONS + SHAPES},
        "random": RANDOM,
        "lib": LIB,
        "pi": math.pi,
        "e": math.e,
        "inf": math.inf,
        "nan": math.nan,
        "newaxis": None,
        **DTYPES,
    },
)

ARRAY_ATTRS = {"shape", "dtype", "ndim", "size", "T"}
ARRAY_METHODS = {
    "reshape",
    "astype",
    "transpose",
    "flatten",
    "ravel",
    "squeeze",
    "copy",
    "sum",
    "mean",
    "max",
    "min",
    "argmax",
    "argmin",
    "std",
    "tolist",
    "item",
    "swapaxes",
}


class ArrayMethod:
    """A method of an array, bound to it."""

    def __init__(self, array: np.ndarray, name: str):
        self.array, self.name = array, name

    def __repr__(self) -> str:
        return f"<built-in method {self.name} of numpy.ndarray object>"


def attribute(interp, array: np.ndarray, name: str, node: ast.AST) -> Any:
    if name in ARRAY_ATTRS:
        value = getattr(array, name)
        return unknown(value) if name == "T" and is_unknown(array) else value
    if name in ARRAY_METHODS:
        return ArrayMethod(array, name)
    if name == "strides":  # bytes of a memory layout: how this run laid the array out may differ
        return tuple(_Value(int) for _ in range(array.ndim))
    raise Refused(f"numpy array attribute .{name}", node.lineno)


def call_method(interp, bound: ArrayMethod, args: list, kwargs: dict, node: ast.Call) -> Any:
    array, name = bound.array, bound.name
    _check_args(interp, f"ndarray.{name}", args, kwargs, node)
    info = CallInfo("method", f"ndarray.{name}", (array, *args), kwargs, node)
    if name in ("tolist", "item"):
        if is_unknown(array):
            if name == "item":
                interp.guard(lambda: array.item(*args, **kwargs), node, info)  # numpy's own size error
                return _scalar(np.asarray(array).flat[0], True)
            raise Refused("an array's numbers (.tolist()) that only the real run has", node.lineno)
        result = interp.guard(lambda: getattr(array, name)(*args, **kwargs), node, info)
        interp.check_weight(result, node, add=True)
        return result
    value = interp.guard(lambda: getattr(array, name)(*args, **kwargs), node, info)
    return _result(interp, value, node, inputs=(array,))


def get_item(interp, array: np.ndarray, index: Any, node: ast.AST) -> Any:
    parts = index if isinstance(index, tuple) else (index,)
    for p in parts:
        if isinstance(p, (_Value, Opaque)) or is_unknown(p):
            raise Refused("an index into an array that is not known here", node.lineno)
        if not (_plain(p) or isinstance(p, np.ndarray)):
            raise Refused(f"indexing an array with a {shown_type(p)}", node.lineno)
    info = CallInfo("index", None, (array, index), {}, node)
    value = interp.guard(lambda: array[index], node, info)
    if isinstance(value, np.ndarray) and not np.shares_memory(value, array) and value.size > MAX_REAL_RESULT:
        raise Limit("data size", node.lineno)
    if isinstance(value, np.ndarray) and _owner(value) is _owner(array):
        # a view (z[i] of a (16, 140, 37) array): no new numbers, so none counted against
        # MAX_REAL_ELEMENTS; counted, filling z[i][j][k] = 1 in a loop ran out after 380 rows
        return unknown(value) if is_unknown(array) else value
    return (
        _result(interp, value, node, inputs=(array,))
        if isinstance(value, np.ndarray)
        else _result(interp, value, node, inputs=(array,))
    )


def _owner(array: np.ndarray) -> np.ndarray:
    """The array that owns the memory a view reads (numpy sets a view's base to the owner)."""
    return array if array.base is None else array.base


def set_item(interp, array: np.ndarray, index: Any, value: Any, node: ast.AST) -> None:
    if isinstance(value, torch.Tensor) or isinstance(index, torch.Tensor):
        raise Refused("a tensor stored into a numpy array", node.lineno)
    if isinstance(value, Opaque):
        raise interp.needs(NeedsOpaque(value), node)
    if isinstance(value, _Value):
        value = value.standin
        mark_unknown(array)
    info = CallInfo("python", "setitem", (array, value), {}, node)
    _check_args(interp, "ndarray[...] =", [value], {}, node)

    def store() -> None:
        array[index] = value

    interp.guard(store, node, info)
    if is_unknown(value) and not is_unknown(array):
        mark_unknown(array)  # its numbers are now partly the real run's: none of them is read here


def binop(interp, op, left: Any, right: Any, node: ast.AST) -> Any:
    for v in (left, right):
        if isinstance(v, torch.Tensor):
            raise Refused("arithmetic between a tensor and a numpy array", node.lineno)
    _check_args(interp, "numpy arithmetic", [left, right], {}, node)
    if op is operator.matmul:
        a, b = np.asarray(left), np.asarray(right)
        if a.ndim > 2 or b.ndim > 2:
            raise Refused("@ of arrays of more than two dimensions", node.lineno)
        size = (a.shape[0] if a.ndim == 2 else 1) * (b.shape[-1] if b.ndim == 2 else 1)
    else:
        size = _preflight_size("op", [left, right], {})
    if size > MAX_REAL_RESULT:
        raise Limit("data size", node.lineno)
    value = interp.guard(
        lambda: op(left, right), node, CallInfo("python", getattr(op, "__name__", "op"), (left, right))
    )
    return _result(interp, value, node, inputs=(left, right))


def items(interp, array: np.ndarray, node: ast.AST) -> list:
    """What a for loop over an array goes over: its rows (numbers from an unknown one are unknown)."""
    if array.ndim == 0:
        interp.fail(TypeError("iteration over a 0-d array"), node)
    return [get_item(interp, array, i, node) for i in range(array.shape[0])]


# --- between numpy and torch -------------------------------------------------------------------


def tensor_numpy(interp, tensor: torch.Tensor, args: list, kwargs: dict, node: ast.Call) -> np.ndarray:
    """``t.numpy()``: a real tensor's numbers; a meta tensor's shape and dtype, its numbers unknown.

    torch's own checks run on a stand-in of the same shape, dtype and requires_grad (a tensor
    that requires grad: torch's 'Can't call numpy() ...')."""
    info = CallInfo("method", "numpy", (tensor, *args), kwargs, node)
    if tensor.numel() > MAX_REAL_RESULT:
        raise Limit("data size", node.lineno)
    if tensor.device.type != "meta":
        value = interp.guard(lambda: tensor.numpy(*args, **kwargs), node, info)
        return _result(interp, value, node)
    standin = torch.zeros(
        (), dtype=tensor.dtype, requires_grad=tensor.requires_grad and tensor.is_floating_point()
    )
    standin = standin.expand(tensor.shape)
    value = interp.guard(lambda: standin.numpy(*args, **kwargs), node, info)
    return _result(interp, np.array(value), node, drawn=True)


def to_tensor(
    interp, label: str, real, array: np.ndarray, args: list, kwargs: dict, node: ast.Call
) -> torch.Tensor:
    """``torch.from_numpy(a)`` / ``torch.tensor(a)`` / ``torch.FloatTensor(a)``: torch's own conversion
    of the array (its dtype rules: float64 stays float64 in from_numpy and torch.tensor); float
    results and any from unknown numbers go to meta, known integers stay real data."""
    info = CallInfo("function", label, (array, *args), kwargs, node)
    hidden: list[bool] = []

    def plain(v: Any, depth: int = 0) -> Any:  # arrays as numpy's own class; lists of them kept
        if isinstance(v, np.ndarray):
            hidden.append(is_unknown(v))
            _count(interp, v.size, node)
            return np.asarray(v)
        if type(v) in (list, tuple) and depth < 4:
            if len(v) > MAX_REAL_RESULT:
                raise Limit("data size", node.lineno)
            return type(v)(plain(x, depth + 1) for x in v)
        if isinstance(v, (_Value, Opaque)) or not _plain(v):
            raise Refused(f"a {shown_type(v)} passed to {label}", node.lineno)
        return v

    data = plain(array)
    value = interp.guard(lambda: real(data, *args, **kwargs), node, info)
    if isinstance(value, torch.Tensor) and (any(hidden) or value.is_floating_point() or value.is_complex()):
        return value.to("meta")
    return value


def holds_array(value: Any, depth: int = 0) -> bool:
    if isinstance(value, np.ndarray):
        return True
    if depth < 3 and type(value) in (list, tuple):
        return any(holds_array(v, depth + 1) for v in value[:1000])
    return False


def iterable(value: Any) -> bool:
    return isinstance(value, np.ndarray)


__all__ = ["NUMPY", "UnknownArray", "_Generator"]
