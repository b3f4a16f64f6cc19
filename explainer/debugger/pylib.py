"""The ordinary Python around a model: builtins, str/list/dict/set methods, the standard library's
pure modules, and opaque values for everything the checker will not run.

Registered into the interpreter's tables (``BUILTINS``, ``NAMESPACES``) at the end of interp.py.
Every function here computes only: nothing reaches files, processes, the network, threads or the
real clock. A module the checker cannot model (os, matplotlib, tqdm, ...) becomes an ``Opaque``
value: calls on it do nothing and give more opaque values, so a script runs on around them, and
a shape (or a branch) that depends on one is named and asked for instead of guessed.
"""

from __future__ import annotations

import argparse
import ast
import collections
import itertools
import random
import string
from typing import Any

import torch

from explainer.debugger.errors import Limit, Refused, UserError
from explainer.debugger.limits import MAX_ITERATIONS, MAX_TEXT, MAX_WEIGHT
from explainer.debugger.record import CallInfo
from explainer.debugger.sizes import _text_size, _weight
from explainer.debugger.values import Namespace, _Builtin, _Generator, _NeedsValue, _NotModelled, _Value

MAX_ITEMS = 100_000  # elements of a set, dict or list a builtin here builds


# --- opaque values -----------------------------------------------------------------------------


class NeedsOpaque(_NeedsValue):
    """An opaque value was needed (a branch, a size, an argument to torch): named, never guessed."""

    def __init__(self, value: Opaque):
        super().__init__(value.label)
        self.value = value

    @property
    def construct(self) -> str:
        return f"the value of {self.value.label} ({WHY[self.value.why].format(source=self.value.source)})"


# why a value is not known here: the message keys dbg.why.<code> say it in the user's language
WHY = {
    "module": "it comes from {source}, which the checker does not run",
    "file": "it is what a file holds, which the checker does not read",
    "picked": "it was picked by a number only the real run has",
}


class Opaque:
    """A value the checker cannot know: what a module it does not run returned (``os.listdir(d)``,
    ``open(f).read()``, ``plt.figure()``), or a value drawn from a stand-in random generator.

    Attributes, calls, items and arithmetic on it do nothing and give more opaque values; printing
    it prints a stand-in. What would need the value itself (a branch, a loop over it, a size or
    any argument to torch) raises ``NeedsOpaque``, which names it.
    """

    def __init__(self, label: str, why: str = "module", source: str = ""):
        self.label = label  # how the snippet wrote it: 'os.listdir(...)', 'args.data'
        self.why = why  # a key of WHY
        self.source = source  # the module it came from, for 'module'
        # the statement that gave it its name (``vocab_size = len(text)``): a value the user types
        # for the name stands in there (form.bind_values); None while it has no name of its own
        self.named_at: ast.stmt | None = None

    def derived(self, suffix: str) -> Opaque:
        return Opaque(f"{self.label}{suffix}", self.why, self.source)

    def _same(self, *other: Any) -> Opaque:
        return self

    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = __truediv__ = __rtruediv__ = _same
    __floordiv__ = __rfloordiv__ = __mod__ = __rmod__ = __pow__ = __rpow__ = _same
    __neg__ = __pos__ = __abs__ = __invert__ = _same
    __lt__ = __le__ = __gt__ = __ge__ = __eq__ = __ne__ = _same
    __hash__ = object.__hash__

    def _needs(self, *other: Any) -> Any:
        raise NeedsOpaque(self)

    __bool__ = __index__ = __int__ = __float__ = __len__ = __iter__ = __contains__ = _needs

    def __str__(self) -> str:
        return f"<{self.label}: not known here>"

    __repr__ = __str__

    def __format__(self, spec: str) -> str:
        return str(self)


def shown_type(value: Any) -> str:
    """A value's type as the user knows it (never the checker's own class names)."""
    from explainer.debugger import values as _values  # noqa: PLC0415 - loaded by now

    if isinstance(value, Opaque):
        return "value not known here"
    if isinstance(value, _Value):
        return value.kind.__name__
    if isinstance(value, _values.UserObject):
        return value.cls.name
    if isinstance(value, _values.UserClass):
        return "type"
    if isinstance(value, (_values.UserFunction, _Builtin, Modelled)):
        return getattr(value, "shown", "function")
    if isinstance(value, _values.Namespace):
        return "module"
    if isinstance(value, _Generator):
        return value.shown
    if isinstance(value, _Drawn):
        return "int" if isinstance(value, int) else "float"
    kind = type(value)
    return "numpy.ndarray" if kind.__name__ == "UnknownArray" else kind.__name__


def holds_opaque(value: Any, depth: int = 0) -> Opaque | None:
    """The first opaque value inside this value (lists, tuples, dicts, 4 deep), or None."""
    if isinstance(value, Opaque):
        return value
    if depth < 4 and type(value) in (list, tuple, set, frozenset):
        for v in list(value)[:1000]:
            found = holds_opaque(v, depth + 1)
            if found is not None:
                return found
    if depth < 4 and type(value) is dict:
        for v in list(value.values())[:1000]:
            found = holds_opaque(v, depth + 1)
            if found is not None:
                return found
    return None


def opaque_module(name: str) -> Opaque:
    return Opaque(name, "module", name.split(".")[0])


# --- builtins that only compute ---------------------------------------------------------------


def _call(interp, fn: Any, args: list, node: ast.AST) -> Any:
    """Call a function the snippet handed a builtin (map's, sorted's key): as the snippet would."""
    return interp.invoke(fn, list(args), {}, node)


def _items(interp, value: Any, node: ast.AST) -> list:
    items = interp.iterate(value, node)
    return list(items)


def _check_size(interp, result: Any, node: ast.AST) -> Any:
    if _weight(result, MAX_WEIGHT) > MAX_WEIGHT:
        raise Limit("data size", node.lineno)
    interp.check_weight(result, node, add=True)
    return result


def _hashable(value: Any, depth: int = 0) -> bool:
    """Values whose hash and equality are Python's own (never the checker's objects)."""
    if value is None or type(value) in (int, float, bool, str, complex):
        return True
    if type(value) in (tuple, frozenset):
        return depth < 8 and all(_hashable(v, depth + 1) for v in value)
    return False


def _pure(label: str, fn, opaque: Any = None):
    """A builtin whose result from an opaque argument is opaque too (``len(open(f).read())``)."""

    def call(interp, args: list, kwargs: dict, node: ast.Call) -> Any:
        hidden = holds_opaque([args, list(kwargs.values())])
        if hidden is not None:
            return hidden.derived("") if opaque is None else opaque
        return fn(interp, args, kwargs, node)

    return _Builtin(label, call)


def _make_set(kind: type):
    def build(interp, args: list, kwargs: dict, node: ast.Call) -> Any:
        if kwargs or len(args) > 1:
            interp.fail(TypeError(f"{kind.__name__} expected at most 1 argument, got {len(args)}"), node)
        items = _items(interp, args[0], node) if args else []
        if not all(_hashable(v) for v in items):
            bad = next(v for v in items if not _hashable(v))
            if type(bad) in (list, dict, set):
                interp.fail(TypeError(f"unhashable type: '{shown_type(bad)}'"), node)
            raise Refused(f"a {shown_type(bad)} in a {kind.__name__}", node.lineno)
        return _check_size(interp, kind(items), node)

    return _Builtin(kind.__name__, build)


def _dict(interp, args: list, kwargs: dict, node: ast.Call) -> dict:
    if len(args) > 1:
        interp.fail(TypeError(f"dict expected at most 1 argument, got {len(args)}"), node)
    result: dict = {}
    if args:
        source = args[0]
        pairs = list(source.items()) if type(source) is dict else _items(interp, source, node)
        for i, pair in enumerate(pairs):
            if type(pair) not in (list, tuple) or len(pair) != 2:
                if type(pair) in (list, tuple, str):
                    interp.fail(
                        ValueError(
                            f"dictionary update sequence element #{i} has length {len(pair)}; 2 is required"
                        ),
                        node,
                    )
                raise Refused("dict of these values", node.lineno)
            if not _hashable(pair[0]):
                raise Refused(f"a {shown_type(pair[0])} as a dict key", node.lineno)
            result[pair[0]] = pair[1]
    result.update(kwargs)
    return _check_size(interp, result, node)


def _ord(interp, args, kwargs, node):
    return interp.guard(
        lambda: ord(*args, **kwargs), node, CallInfo("python", "ord", tuple(args), kwargs, node)
    )


def _chr(interp, args, kwargs, node):
    return interp.guard(
        lambda: chr(*args, **kwargs), node, CallInfo("python", "chr", tuple(args), kwargs, node)
    )


def _map(interp, args: list, kwargs: dict, node: ast.Call) -> _Generator:
    if kwargs or len(args) < 2:
        interp.fail(TypeError("map() must have at least two arguments."), node)
    columns = [_items(interp, a, node) for a in args[1:]]
    out = [_call(interp, args[0], list(row), node) for row in zip(*columns, strict=False)]
    return _Generator(out, "map")


def _filter(interp, args: list, kwargs: dict, node: ast.Call) -> _Generator:
    if kwargs or len(args) != 2:
        interp.fail(TypeError(f"filter expected 2 arguments, got {len(args)}"), node)
    fn, items = args[0], _items(interp, args[1], node)
    keep = [x for x in items if interp.truth(x if fn is None else _call(interp, fn, [x], node), node)]
    return _Generator(keep, "filter")


def _any_all(which):
    def fn(interp, args: list, kwargs: dict, node: ast.Call) -> bool:
        if kwargs or len(args) != 1:
            interp.fail(TypeError(f"{which.__name__}() takes exactly one argument ({len(args)} given)"), node)
        for x in _items(interp, args[0], node):  # short-circuits as Python's does
            truth = interp.truth(x, node)
            if truth == (which is any):
                return truth
        return which is all

    return _Builtin(which.__name__, fn)


def _keyed(name: str, real):
    """sorted / min / max with ``key=``: the key, a function of the snippet's, called per item."""

    def fn(interp, args: list, kwargs: dict, node: ast.Call) -> Any:
        key = kwargs.pop("key", None)
        if key is None:
            return interp_builtin(interp, name)(interp, args, kwargs, node)
        items = _items(interp, args[0], node) if len(args) == 1 else list(args)
        if len(items) > MAX_ITERATIONS:
            raise Limit("iterations", node.lineno)
        keys = [_call(interp, key, [x], node) for x in items]
        for k in keys:
            if isinstance(k, (Opaque, _Value)) or not _comparable(k):
                raise Refused(f"{name} by a value that is not known here", node.lineno)
        pairs = list(zip(keys, range(len(items)), strict=True))
        info = CallInfo("python", name, tuple(args), kwargs, node)
        rest = {k: v for k, v in kwargs.items() if k in ("reverse", "default")}
        if name == "sorted":
            order = interp.guard(lambda: sorted(pairs, key=lambda p: p[0], **rest), node, info)
            return [items[i] for _, i in order]
        if not items and "default" in rest:
            return rest["default"]
        best = interp.guard(lambda: real(pairs, key=lambda p: p[0]), node, info)
        return items[best[1]]

    return _Builtin(name, fn)


_ORIGINAL: dict[str, Any] = {}


def _comparable(value: Any, depth: int = 0) -> bool:
    """Keys whose comparisons are Python's own (numbers, strings, tuples of them)."""
    if value is None or type(value) in (int, float, bool, str, DrawnInt, DrawnFloat):
        return True
    return type(value) in (tuple, list) and depth < 4 and all(_comparable(v, depth + 1) for v in value)


def interp_builtin(interp, name: str):
    return _ORIGINAL[name].fn


def _isinstance(interp, args: list, kwargs: dict, node: ast.Call) -> bool:
    if len(args) != 2 or kwargs:
        interp.fail(TypeError(f"isinstance expected 2 arguments, got {len(args)}"), node)
    kinds = args[1] if isinstance(args[1], tuple) else (args[1],)
    names = {"int": int, "float": float, "str": str, "bool": bool, "list": list, "tuple": tuple}
    names.update({"dict": dict, "set": set})
    real = []
    for kind in kinds:
        label = getattr(kind, "name", None)
        if not isinstance(kind, _Builtin) or label not in names:
            raise Refused("isinstance with these types", node.lineno)
        real.append(names[label])
    value = args[0]
    if isinstance(value, Opaque):
        raise interp.needs(NeedsOpaque(value), node)
    return isinstance(value, tuple(real))


def _repr(interp, args, kwargs, node):
    if len(args) != 1 or kwargs or _text_size(args[0]) > MAX_TEXT:
        raise Refused("repr of this value", node.lineno)
    return repr(args[0])


def _divmod(interp, args, kwargs, node):
    return interp.guard(
        lambda: divmod(*args, **kwargs), node, CallInfo("python", "divmod", tuple(args), kwargs)
    )


def _pow(interp, args, kwargs, node):
    if len(args) >= 2 and all(isinstance(a, (int, float)) for a in args[:2]):
        if isinstance(args[1], int) and abs(args[1]) > 64 and abs(args[0]) > 1 and len(args) == 2:
            raise Limit("number size", node.lineno)
    return interp.guard(lambda: pow(*args, **kwargs), node, CallInfo("python", "pow", tuple(args), kwargs))


def _open(interp, args: list, kwargs: dict, node: ast.Call) -> Opaque:
    """``open(path)``: nothing is opened; what the file holds cannot be known here."""
    where = args[0] if args and isinstance(args[0], str) else "a file"
    return Opaque(f"open({where!r})" if isinstance(where, str) else "open(...)", "file")


def _attribute_name(interp, who: str, args: list, kwargs: dict, node: ast.Call, most: int) -> str:
    if kwargs:
        interp.fail(TypeError(f"{who}() takes no keyword arguments"), node)
    if not 2 <= len(args) <= most:
        many = "at least 2" if len(args) < 2 else f"at most {most}"
        if most == 2:
            many = "exactly 2"
        interp.fail(TypeError(f"{who} expected {many} arguments, got {len(args)}"), node)
    name = args[1]
    if isinstance(name, Opaque):
        raise interp.needs(NeedsOpaque(name), node)
    if not isinstance(name, str):
        interp.fail(TypeError(f"attribute name must be string, not '{type(name).__name__}'"), node)
    if not name.isidentifier():
        raise Refused(f"{who} with the name {name[:40]!r}", node.lineno)
    return name


def _getattr(interp, args: list, kwargs: dict, node: ast.Call) -> Any:
    """``getattr(nn, rnn_type)``: the same lookup, and the same checks, as ``nn.<name>`` written out;
    the default is given back only where that lookup raises AttributeError."""
    name = _attribute_name(interp, "getattr", args, kwargs, node, 3)
    try:
        return interp.attribute(args[0], name, node)
    except UserError as err:
        if len(args) == 3 and isinstance(err.exc, AttributeError):
            return args[2]
        raise


def _hasattr(interp, args: list, kwargs: dict, node: ast.Call) -> bool:
    """``hasattr(obj, name)``: True where ``obj.<name>`` is found, False where it raises
    AttributeError; a name outside the subset is refused, as ``obj.<name>`` would be."""
    name = _attribute_name(interp, "hasattr", args, kwargs, node, 2)
    try:
        interp.attribute(args[0], name, node)
    except UserError as err:
        if isinstance(err.exc, AttributeError):
            return False
        raise
    return True


_TYPE_NAMES = {"int": int, "float": float, "str": str, "bool": bool, "list": list, "tuple": tuple}
_TYPE_NAMES.update({"dict": dict, "set": set, "frozenset": frozenset})


class TypeOf:
    """``type(x)``: the class the real run would see, for comparing (``type(h) == Variable``,
    ``type(x) is int``); anything it is compared with that is not modelled is refused."""

    def __init__(self, kind: Any):
        self.kind = kind  # a Python or torch class, or the snippet's own UserClass

    def __repr__(self) -> str:
        if isinstance(self.kind, type):
            module = self.kind.__module__
            return (
                f"<class '{self.kind.__qualname__}'>"
                if module == "builtins"
                else f"<class '{module}.{self.kind.__qualname__}'>"
            )
        return repr(self.kind)

    def __eq__(self, other: Any) -> bool:
        if isinstance(other, TypeOf):
            return self.kind is other.kind
        if isinstance(other, _Builtin) and other.name == "Variable":
            return False  # torch.autograd.Variable(x) gives a Tensor: nothing's type is Variable
        if isinstance(other, _Builtin) and other.name == "nn.Parameter":
            return self.kind is torch.nn.Parameter
        if type(other).__name__ == "_LegacyTensor" and other.name == "Tensor":
            return self.kind is torch.Tensor  # torch.FloatTensor and friends: not modelled here
        if isinstance(other, _Builtin) and _TYPE_NAMES.get(other.name) is not None:
            return self.kind is _TYPE_NAMES[other.name]
        if isinstance(other, type) and (issubclass(other, torch.nn.Module) or other is torch.Tensor):
            return self.kind is other
        if type(other).__name__ == "UserClass":
            return self.kind is other
        raise _NotModelled

    def __ne__(self, other: Any) -> bool:
        return not self.__eq__(other)

    def __hash__(self) -> int:
        return hash(id(self.kind))


def _type(interp, args: list, kwargs: dict, node: ast.Call) -> TypeOf:
    if len(args) != 1 or kwargs:
        raise Refused("type() with other than one argument", node.lineno)
    value = args[0]
    if isinstance(value, Opaque):
        raise interp.needs(NeedsOpaque(value), node)
    if type(value) in (*_TYPE_NAMES.values(), type(None)):
        return TypeOf(type(value))
    if isinstance(value, torch.Tensor):
        return TypeOf(torch.nn.Parameter if isinstance(value, torch.nn.Parameter) else torch.Tensor)
    if isinstance(value, torch.nn.Module) and type(value).__module__.startswith("torch.nn"):
        return TypeOf(type(value))
    if type(value).__name__ == "UserObject":
        return TypeOf(value.cls)
    raise Refused(f"type() of a {shown_type(value)}", node.lineno)


BUILTINS = {
    "getattr": _Builtin("getattr", _getattr),
    "type": _Builtin("type", _type),
    "hasattr": _Builtin("hasattr", _hasattr),
    "set": _make_set(set),
    "frozenset": _make_set(frozenset),
    "dict": _Builtin("dict", _dict),
    "ord": _pure("ord", _ord),
    "chr": _pure("chr", _chr),
    "map": _Builtin("map", _map),
    "filter": _Builtin("filter", _filter),
    "any": _any_all(any),
    "all": _any_all(all),
    "isinstance": _Builtin("isinstance", _isinstance),
    "repr": _Builtin("repr", _repr),
    "divmod": _Builtin("divmod", _divmod),
    "pow": _Builtin("pow", _pow),
    "open": _Builtin("open", _open),
}
KEYED = ("sorted", "min", "max")
_SORTED = _keyed("sorted", sorted)


def register(builtins_table: dict) -> None:
    """Add these builtins to the interpreter's table; sorted/min/max gain ``key=``."""
    for name in KEYED:
        _ORIGINAL[name] = builtins_table[name]
    builtins_table.update(BUILTINS)
    builtins_table.update(EXCEPTIONS)
    for name in KEYED:
        builtins_table[name] = _keyed(name, {"min": min, "max": max, "sorted": sorted}[name])
    pure = ("len", "int", "float", "str", "round", "abs", "set", "frozenset", "list", "tuple", "sorted")
    # enumerate(chars), zip(a, b), dict(enumerate(chars)) of an opaque: as unknown as it is
    for name in (*pure, "reversed", "max", "min", "sum", "repr", "divmod", "pow", "enumerate", "zip", "dict"):
        original = builtins_table[name]
        builtins_table[name] = _pure(name, _len_of(original.fn) if name == "len" else original.fn)


# --- objects of the modules modelled here --------------------------------------------------------


class Modelled:
    """A value this module models: its attributes and calls are answered by its own methods."""

    shown = "object"

    def attr(self, interp, name: str, node: ast.AST) -> Any:
        interp.fail(AttributeError(f"'{self.shown}' object has no attribute '{name}'"), node)

    def call(self, interp, args: list, kwargs: dict, node: ast.Call) -> Any:
        interp.fail(TypeError(f"'{self.shown}' object is not callable"), node)

    def __repr__(self) -> str:
        return f"<{self.shown}>"


class Function(Modelled):
    """A function of a modelled module (``itertools.chain``, ``random.randint``)."""

    shown = "builtin_function_or_method"

    def __init__(self, label: str, fn, members: dict | None = None):
        self.label, self.fn, self.members = label, fn, members or {}

    def attr(self, interp, name: str, node: ast.AST) -> Any:
        if name in self.members:
            return self.members[name]
        return super().attr(interp, name, node)

    def call(self, interp, args: list, kwargs: dict, node: ast.Call) -> Any:
        return self.fn(interp, args, kwargs, node)

    def __repr__(self) -> str:
        return f"<built-in function {self.label.rsplit('.', 1)[-1]}>"


class Method(Modelled):
    """A method of a list, dict, set or str, bound to it."""

    def __init__(self, obj: Any, name: str):
        self.obj, self.name = obj, name

    def call(self, interp, args: list, kwargs: dict, node: ast.Call) -> Any:
        return call_method(interp, self.obj, self.name, args, kwargs, node)

    def __repr__(self) -> str:
        return f"<built-in method {self.name} of {type(self.obj).__name__} object>"


LIST_METHODS = {"extend", "pop", "insert", "index", "count", "sort", "reverse", "remove", "copy", "clear"}
DICT_METHODS = {"update", "setdefault", "pop", "copy", "clear", "popitem"}
SET_METHODS = {
    "add",
    "update",
    "remove",
    "discard",
    "union",
    "intersection",
    "difference",
    "symmetric_difference",
    "issubset",
    "issuperset",
    "isdisjoint",
    "copy",
    "clear",
}
STR_METHODS = {
    "format",
    "find",
    "rfind",
    "index",
    "count",
    "isdigit",
    "isalpha",
    "isalnum",
    "isspace",
    "isupper",
    "islower",
    "isnumeric",
    "title",
    "capitalize",
    "swapcase",
    "casefold",
    "splitlines",
    "partition",
    "rpartition",
    "rsplit",
    "zfill",
    "center",
    "ljust",
    "rjust",
    "removeprefix",
    "removesuffix",
    "encode",
}


def method(obj: Any, name: str) -> Method | None:
    """A bound method of a builtin value, if modelled here."""
    if (
        (type(obj) is list and name in LIST_METHODS)
        or (type(obj) is dict and name in DICT_METHODS)
        or (type(obj) in (set, frozenset) and name in SET_METHODS)
        or (type(obj) is str and name in STR_METHODS)
    ):
        if type(obj) is frozenset and name in ("add", "update", "remove", "discard", "clear"):
            return None
        return Method(obj, name)
    return None


def _plain_key(value: Any, node: ast.AST) -> Any:
    if not _hashable(value):
        if type(value) in (list, dict, set):
            raise UserError(TypeError(f"unhashable type: '{shown_type(value)}'"), node.lineno, None)
        raise Refused(f"a {shown_type(value)} as a key", node.lineno)
    return value


def call_method(interp, obj: Any, name: str, args: list, kwargs: dict, node: ast.Call) -> Any:
    info = CallInfo("method", f"{type(obj).__name__}.{name}", tuple(args), kwargs, node)
    if type(obj) is str:
        if name == "format":
            return format_text(interp, obj, args, kwargs, node)
        if kwargs or not all(type(a) in (str, int) for a in args) or len(args) > 3:
            raise Refused(f"str.{name} with these arguments", node.lineno)
        width = (
            max([a for a in args if type(a) is int] + [0])
            if name in ("zfill", "center", "ljust", "rjust")
            else 0
        )
        if len(obj) + width > MAX_TEXT:
            raise Limit("text size", node.lineno)
        result = interp.guard(lambda: getattr(obj, name)(*args), node, info)
        if isinstance(result, bytes):
            raise Refused("bytes", node.lineno)
        return _check_size(interp, result, node) if isinstance(result, (list, tuple)) else result
    if name in ("sort",) and type(obj) is list:
        key, reverse = kwargs.get("key"), kwargs.get("reverse", False)
        if args or set(kwargs) - {"key", "reverse"}:
            interp.fail(TypeError("sort() takes no positional arguments"), node)
        ordered = _SORTED.fn(interp, [obj], {"key": key, "reverse": reverse}, node)
        obj[:] = ordered
        return None
    if name in ("extend", "update", "union", "intersection", "difference", "symmetric_difference"):
        args = [
            a if type(a) in (list, tuple, set, frozenset, dict, str) else _items(interp, a, node)
            for a in args
        ]
        if name == "update" and type(obj) is dict and args and type(args[0]) is not dict:
            args = [_dict(interp, args, {}, node)]
    for a in [*args, *kwargs.values()]:
        if isinstance(a, Opaque):
            raise interp.needs(NeedsOpaque(a), node)
    if type(obj) in (set, frozenset) and name in ("add", "remove", "discard"):
        args = [_plain_key(a, node) for a in args]
    if type(obj) is dict and name in ("setdefault", "pop") and args:
        args = [_plain_key(args[0], node), *args[1:]]
    if type(obj) in (set, frozenset) and name in ("update", "union"):
        for a in args:
            for v in a:
                _plain_key(v, node)
    if name in ("extend", "update", "union", "insert", "add", "setdefault"):
        grown = _weight([obj, args], MAX_WEIGHT)
        if (
            grown > MAX_WEIGHT
            or len(obj) + sum(len(a) if hasattr(a, "__len__") else 1 for a in args) > MAX_ITEMS
        ):
            raise Limit("list length", node.lineno)
        interp.check_weight(args, node, add=True)
    if name in ("index", "count", "remove") or (name == "pop" and type(obj) is dict):
        hidden = holds_opaque(obj) if type(obj) is list else None
        if hidden is not None:  # decoded.index('E') over items picked by unknown numbers
            raise interp.needs(NeedsOpaque(hidden), node)
        if not all(_comparable(v) for v in [*args[:1], *(obj if type(obj) is list else [])]):
            raise Refused(f"list.{name} over values Python would compare by their numbers", node.lineno)
        interp.check_weight([obj, args], node)  # comparing walks both sides
    return interp.guard(lambda: getattr(obj, name)(*args, **kwargs), node, info)


def _fields(template: str, depth: int = 0):
    """Each replacement field's name and spec (nested specs too), as Python's own parser reads them."""
    for _, name, spec, _ in string.Formatter().parse(template):
        if name is not None:
            yield name, spec or ""
            if spec and depth < 2:
                yield from _fields(spec, depth + 1)


def _shown(interp, value: Any, node: ast.AST, standins: list) -> Any:
    """A format argument as the formatting sees it: a number only the real run has is formatted as
    one of its kind (Python's checks of a format spec depend on the kind alone), and noted."""
    import torch  # noqa: PLC0415 - torch is loaded by the interpreter already

    if isinstance(value, torch.Tensor) and value.device.type == "meta":
        if value.dim() == 0:
            standins.append(value)
            return torch.zeros((), dtype=value.dtype)  # Tensor.__format__: its one number
        return _MetaText(value)
    if isinstance(value, _Value):
        standins.append(value)
        return value.standin
    if isinstance(value, Opaque) or value is None or type(value) in (int, float, bool, str):
        return value
    if type(value) in (list, tuple, torch.Size, torch.dtype) or isinstance(
        value, (torch.Tensor, torch.dtype)
    ):
        if _text_size(value) > MAX_TEXT:
            raise Limit("text size", node.lineno)
        return value
    raise Refused(f"formatting a {shown_type(value)}", node.lineno)


class _MetaText:
    """A meta tensor of more than one number, formatted: torch's words for a format spec on it."""

    def __init__(self, tensor):
        self.tensor = tensor

    def __format__(self, spec: str) -> str:
        import torch  # noqa: PLC0415

        if spec:
            torch.zeros((), dtype=self.tensor.dtype).expand(self.tensor.shape).__format__(spec)
        return str(self.tensor)


def format_text(interp, template: str, args: list, kwargs: dict, node: ast.Call) -> Any:
    """``'{} %'.format(x)``: Python's own formatting, over fields that name arguments only (never
    ``{0.__class__}``), with widths bounded before anything is built."""
    info = CallInfo("method", "str.format", tuple(args), kwargs, node)
    if len(template) > MAX_TEXT:
        raise Limit("text size", node.lineno)
    fields = interp.guard(lambda: list(_fields(template)), node, info)  # a malformed template: Python's error
    nested = False
    for name, spec in fields:
        if "." in name or "[" in name:
            raise Refused(f"a format field that reads an attribute or item ({{{name}}})", node.lineno)
        digits = "".join(c if c.isdigit() else " " for c in spec).split()
        if any(len(d) > 5 for d in digits):
            raise Limit("text size", node.lineno)
        nested = nested or "{" in spec
    numbers = [v for v in [*args, *kwargs.values()] if type(v) is int]
    if nested and any(abs(v) > 99_999 for v in numbers):
        raise Limit("text size", node.lineno)
    standins: list = []
    args = [_shown(interp, a, node, standins) for a in args]
    kwargs = {k: _shown(interp, v, node, standins) for k, v in kwargs.items()}
    if _text_size([args, list(kwargs.values())]) + len(template) > MAX_TEXT:
        raise Limit("text size", node.lineno)
    result = interp.guard(lambda: template.format(*args, **kwargs), node, info)
    if len(result) > MAX_TEXT:
        raise Limit("text size", node.lineno)
    hidden = holds_opaque([args, list(kwargs.values())])
    if standins or hidden is not None:  # the text holds numbers this run does not have
        return hidden.derived("") if hidden is not None else Opaque("the formatted text", "picked")
    return result


# --- drawn numbers: the stand-in random generator's ------------------------------------------------


class _Drawn:
    """A number drawn by the stand-in ``random`` (a local generator, seeded): the real run draws
    another. Arithmetic keeps the mark; torch is never handed one (a shape would be a guess)."""

    def _wrap(self, value: Any) -> Any:
        if type(value) is int:
            return DrawnInt(value)
        if type(value) is float:
            return DrawnFloat(value)
        return value


def _drawn_op(name: str):
    def op(self, *other):
        base = int if isinstance(self, int) else float
        return self._wrap(getattr(base, name)(self, *other))

    return op


class DrawnInt(_Drawn, int):
    pass


class DrawnFloat(_Drawn, float):
    pass


for _name in (
    "__add__",
    "__radd__",
    "__sub__",
    "__rsub__",
    "__mul__",
    "__rmul__",
    "__truediv__",
    "__rtruediv__",
    "__floordiv__",
    "__rfloordiv__",
    "__mod__",
    "__rmod__",
    "__pow__",
    "__rpow__",
    "__neg__",
    "__pos__",
    "__abs__",
):
    setattr(DrawnInt, _name, _drawn_op(_name))
    setattr(DrawnFloat, _name, _drawn_op(_name))


def holds_drawn(value: Any, depth: int = 0) -> bool:
    if isinstance(value, _Drawn):
        return True
    if depth < 4 and type(value) in (list, tuple):
        return any(holds_drawn(v, depth + 1) for v in value[:1000])
    if depth < 4 and type(value) is dict:
        return any(holds_drawn(v, depth + 1) for v in list(value.values())[:1000])
    return False


DRAWN_CONSTRUCT = "a number drawn by random (the real run draws another; a shape from it would be a guess)"


def _rng(interp) -> random.Random:
    """The run's own generator, seeded: never the process-wide one (sessions share it)."""
    rng = getattr(interp, "py_random", None)
    if rng is None:
        rng = random.Random(0)
        interp.py_random = rng
    return rng


def _random_fn(name: str):
    def fn(interp, args: list, kwargs: dict, node: ast.Call) -> Any:
        info = CallInfo("function", f"random.{name}", tuple(args), kwargs, node)
        hidden = holds_opaque([args, list(kwargs.values())])
        if hidden is not None:
            raise interp.needs(NeedsOpaque(hidden), node)
        rng = _rng(interp)
        if name == "seed":
            return None
        if name in ("choice", "sample", "shuffle", "choices"):
            seq = args[0] if args else kwargs.get("population", kwargs.get("x", kwargs.get("seq")))
            if isinstance(seq, (_Generator,)) or type(seq) in (set, dict):
                seq = _items(interp, seq, node)
            if not isinstance(seq, (list, tuple, str, range)):
                raise Refused(f"random.{name} over a {shown_type(seq)}", node.lineno)
            if len(seq) > MAX_ITEMS:
                raise Limit("list length", node.lineno)
            if name == "shuffle":
                if type(seq) is not list:
                    return interp.guard(lambda: rng.shuffle(seq), node, info)  # Python's own TypeError
                rng.shuffle(seq)
                return None
            if name in ("sample", "choices"):
                k = args[1] if len(args) > 1 else kwargs.get("k", 1)
                if isinstance(k, int) and k > MAX_ITEMS:
                    raise Limit("list length", node.lineno)
            rest = {k: v for k, v in kwargs.items() if k not in ("population", "seq")}
            return interp.guard(lambda: getattr(rng, name)(seq, *args[1:], **rest), node, info)
        result = interp.guard(lambda: getattr(rng, name)(*args, **kwargs), node, info)
        if isinstance(result, bool):
            return result
        if isinstance(result, int):
            return DrawnInt(result)
        if isinstance(result, float):
            return DrawnFloat(result)
        return result

    return _Builtin(f"random.{name}", fn)


RANDOM = Namespace(
    "random",
    {
        n: _random_fn(n)
        for n in (
            "seed",
            "random",
            "randint",
            "randrange",
            "uniform",
            "gauss",
            "normalvariate",
            "choice",
            "choices",
            "sample",
            "shuffle",
            "getrandbits",
        )
    },
)


# --- itertools, functools, collections -----------------------------------------------------------


def _bounded(interp, count: int, node: ast.AST) -> None:
    if count > MAX_ITEMS:
        raise Limit("list length", node.lineno)


def _chain(interp, args: list, kwargs: dict, node: ast.Call) -> _Generator:
    out: list = []
    for a in args:
        out.extend(_items(interp, a, node))
        _bounded(interp, len(out), node)
    interp.check_weight(out, node, add=True)
    return _Generator(out, "itertools.chain")


def _from_iterable(interp, args: list, kwargs: dict, node: ast.Call) -> _Generator:
    if len(args) != 1 or kwargs:
        interp.fail(TypeError(f"chain.from_iterable() takes exactly one argument ({len(args)} given)"), node)
    return _chain(interp, _items(interp, args[0], node), {}, node)


def _combinatoric(name: str):
    import math  # noqa: PLC0415

    def fn(interp, args: list, kwargs: dict, node: ast.Call) -> _Generator:
        info = CallInfo("function", f"itertools.{name}", tuple(args), kwargs, node)
        if name == "product":
            repeat = kwargs.get("repeat", 1)
            pools = [_items(interp, a, node) for a in args]
            if type(repeat) is not int or set(kwargs) - {"repeat"}:
                raise Refused("itertools.product with these arguments", node.lineno)
            count = math.prod(len(p) for p in pools) ** max(repeat, 0) if pools else 1
            _bounded(interp, count, node)
            out = interp.guard(lambda: list(itertools.product(*pools, repeat=repeat)), node, info)
        else:
            pool = _items(interp, args[0], node) if args else []
            r = args[1] if len(args) > 1 else kwargs.get("r", len(pool) if name == "permutations" else None)
            if type(r) is not int:
                return interp.guard(lambda: getattr(itertools, name)(pool, r), node, info)  # Python's error
            n = len(pool)
            count = {
                "permutations": math.perm(n, r) if 0 <= r <= n else 0,
                "combinations": math.comb(n, r) if 0 <= r else 0,
                "combinations_with_replacement": math.comb(n + r - 1, r) if r >= 0 and n else 0,
            }[name]
            _bounded(interp, count, node)
            out = interp.guard(lambda: list(getattr(itertools, name)(pool, r)), node, info)
        interp.check_weight(out, node, add=True)
        return _Generator(out, f"itertools.{name}")

    return _Builtin(f"itertools.{name}", fn)


def _islice(interp, args: list, kwargs: dict, node: ast.Call) -> _Generator:
    if not args or kwargs:
        interp.fail(TypeError("islice expected at least 1 argument, got 0"), node)
    items = _items(interp, args[0], node)
    info = CallInfo("function", "itertools.islice", tuple(args), kwargs, node)
    return _Generator(
        interp.guard(lambda: list(itertools.islice(items, *args[1:])), node, info), "itertools.islice"
    )


def _zip_longest(interp, args: list, kwargs: dict, node: ast.Call) -> _Generator:
    if set(kwargs) - {"fillvalue"}:
        raise Refused("zip_longest with these arguments", node.lineno)
    pools = [_items(interp, a, node) for a in args]
    out = list(itertools.zip_longest(*pools, fillvalue=kwargs.get("fillvalue")))
    interp.check_weight(out, node, add=True)
    return _Generator(out, "itertools.zip_longest")


def _repeat(interp, args: list, kwargs: dict, node: ast.Call) -> _Generator:
    times = args[1] if len(args) > 1 else kwargs.get("times")
    if type(times) is not int:
        raise Refused("itertools.repeat without a count (it never ends)", node.lineno)
    _bounded(interp, times, node)
    return _Generator([args[0]] * max(times, 0), "itertools.repeat")


def _accumulate(interp, args: list, kwargs: dict, node: ast.Call) -> _Generator:
    items = _items(interp, args[0], node) if args else []
    func = args[1] if len(args) > 1 else kwargs.get("func")
    initial = kwargs.get("initial")
    out = [] if initial is None else [initial]
    for x in items:
        if not out:
            out.append(x)
        elif func is None:
            out.append(interp.binop(__import__("operator").add, out[-1], x, node))
        else:
            out.append(_call(interp, func, [out[-1], x], node))
    return _Generator(out, "itertools.accumulate")


def _starmap(interp, args: list, kwargs: dict, node: ast.Call) -> _Generator:
    rows = _items(interp, args[1], node)
    return _Generator(
        [_call(interp, args[0], list(_items(interp, r, node)), node) for r in rows], "itertools.starmap"
    )


def _groupby(interp, args: list, kwargs: dict, node: ast.Call) -> _Generator:
    items = _items(interp, args[0], node)
    key = args[1] if len(args) > 1 else kwargs.get("key")
    keys = [x if key is None else _call(interp, key, [x], node) for x in items]
    out: list = []
    for k, x in zip(keys, items, strict=True):
        if isinstance(k, (Opaque, _Value)):
            raise Refused("groupby by a value that is not known here", node.lineno)
        if out and interp.guard(lambda k=k: out[-1][0] == k, node):
            out[-1][1].append(x)
        else:
            out.append((k, [x]))
    return _Generator([(k, _Generator(v, "itertools._grouper")) for k, v in out], "itertools.groupby")


ITERTOOLS = Namespace(
    "itertools",
    {
        "chain": Function(
            "itertools.chain", _chain, {"from_iterable": _Builtin("chain.from_iterable", _from_iterable)}
        ),
        **{
            n: _combinatoric(n)
            for n in ("product", "permutations", "combinations", "combinations_with_replacement")
        },
        "islice": _Builtin("itertools.islice", _islice),
        "zip_longest": _Builtin("itertools.zip_longest", _zip_longest),
        "repeat": _Builtin("itertools.repeat", _repeat),
        "accumulate": _Builtin("itertools.accumulate", _accumulate),
        "starmap": _Builtin("itertools.starmap", _starmap),
        "groupby": _Builtin("itertools.groupby", _groupby),
    },
)


def _reduce(interp, args: list, kwargs: dict, node: ast.Call) -> Any:
    if len(args) not in (2, 3) or kwargs:
        interp.fail(TypeError(f"reduce expected at least 2 arguments, got {len(args)}"), node)
    items = _items(interp, args[1], node)
    if len(args) == 3:
        items = [args[2], *items]
    if not items:
        interp.fail(TypeError("reduce() of empty iterable with no initial value"), node)
    acc = items[0]
    for x in items[1:]:
        acc = _call(interp, args[0], [acc, x], node)
    return acc


class Partial(Modelled):
    """``functools.partial(f, *args, **kwargs)``: the call with those arguments put first."""

    shown = "functools.partial"

    def __init__(self, fn: Any, args: list, kwargs: dict):
        self.fn, self.args, self.kwargs = fn, args, kwargs

    def call(self, interp, args: list, kwargs: dict, node: ast.Call) -> Any:
        return interp.invoke(self.fn, [*self.args, *args], {**self.kwargs, **kwargs}, node)

    def __repr__(self) -> str:
        return "functools.partial(...)"


FUNCTOOLS = Namespace(
    "functools",
    {
        "reduce": _Builtin("functools.reduce", _reduce),
        "partial": _Builtin("functools.partial", lambda i, a, k, n: Partial(a[0], a[1:], k)),
    },
)


def _counter(interp, args: list, kwargs: dict, node: ast.Call) -> collections.Counter:
    items = _items(interp, args[0], node) if args else []
    for v in items:
        _plain_key(v, node)
    return _check_size(interp, collections.Counter(items), node)


def _ordered_dict(interp, args: list, kwargs: dict, node: ast.Call) -> dict:
    return _dict(interp, args, kwargs, node)  # a dict keeps its order since Python 3.7


COLLECTIONS = Namespace(
    "collections",
    {
        "Counter": _Builtin("collections.Counter", _counter),
        "OrderedDict": _Builtin("collections.OrderedDict", _ordered_dict),
    },
)

_FACTORIES = {"list": list, "int": int, "float": float, "set": set, "dict": dict, "str": str, "tuple": tuple}


class DefaultDict(dict):
    """``collections.defaultdict(list)``: a missing key gets the factory's empty value (of Python's
    own plain types only)."""

    def __init__(self, factory: Any, *args: Any):
        super().__init__(*args)
        self.factory = factory

    def __missing__(self, key: Any) -> Any:
        if self.factory is None:
            raise KeyError(key)
        self[key] = value = _FACTORIES[self.factory.name]()
        return value

    def __repr__(self) -> str:
        name = "None" if self.factory is None else f"<class '{self.factory.name}'>"
        return f"defaultdict({name}, {dict.__repr__(self)})"


def _defaultdict(interp, args: list, kwargs: dict, node: ast.Call) -> DefaultDict:
    factory = args[0] if args else None
    if factory is not None and not (isinstance(factory, _Builtin) and factory.name in _FACTORIES):
        raise Refused("defaultdict with a factory other than list, int, float, set, dict, str", node.lineno)
    rest = _dict(interp, list(args[1:]), kwargs, node) if len(args) > 1 or kwargs else {}
    return DefaultDict(factory, rest)


COLLECTIONS.members["defaultdict"] = _Builtin("collections.defaultdict", _defaultdict)


# --- argparse: a parser over the arguments the script gives it ----------------------------------

_ARG_TYPES = {"int": int, "float": float, "str": str}


class _ParserExit(Exception):
    pass


class _QuietParser(argparse.ArgumentParser):
    """argparse's own parser; its errors end the run as the real one does (SystemExit(2)), printed
    nowhere, and it never reads sys.argv (``parse_args()`` parses no arguments: the defaults)."""

    def exit(self, status: int = 0, message: str | None = None):
        raise _ParserExit(status)

    def _print_message(self, message, file=None):
        return None


class ArgParser(Modelled):
    """``argparse.ArgumentParser`` (or one of its groups): add_argument, parse_args, set_defaults."""

    shown = "ArgumentParser"

    def __init__(self, real: Any, root: _QuietParser):
        self.real, self.root = real, root

    def attr(self, interp, name: str, node: ast.AST) -> Any:
        allowed = {"add_argument", "parse_args", "parse_known_args", "set_defaults", "add_argument_group"}
        allowed |= {"add_mutually_exclusive_group", "print_help", "print_usage", "get_default"}
        if name in allowed and hasattr(self.real, name):
            return Function(f"ArgumentParser.{name}", lambda i, a, k, n: self.method(i, name, a, k, n))
        return super().attr(interp, name, node)

    def method(self, interp, name: str, args: list, kwargs: dict, node: ast.Call) -> Any:
        info = CallInfo("method", f"ArgumentParser.{name}", tuple(args), kwargs, node)
        if name in ("print_help", "print_usage"):
            return None
        if name == "add_argument":
            if not all(type(a) is str for a in args):
                raise Refused("add_argument with these names", node.lineno)
            kwargs = dict(kwargs)
            kind = kwargs.get("type")
            if kind is not None:
                if not (isinstance(kind, _Builtin) and kind.name in _ARG_TYPES):
                    raise Refused("add_argument with a type other than int, float or str", node.lineno)
                kwargs["type"] = _ARG_TYPES[kind.name]
            if not all(_plain_arg(v) for k, v in kwargs.items() if k != "type"):
                raise Refused("add_argument with these values", node.lineno)
            action = kwargs.get("action", "store")
            if not isinstance(action, str) or action not in (
                "store",
                "store_true",
                "store_false",
                "store_const",
                "append",
                "count",
            ):
                raise Refused(f"add_argument with action={action!r}", node.lineno)
            interp.guard(lambda: self.real.add_argument(*args, **kwargs), node, info)
            return None
        if name in ("add_argument_group", "add_mutually_exclusive_group"):
            if not all(_plain_arg(v) for v in [*args, *kwargs.values()]):
                raise Refused(f"{name} with these values", node.lineno)
            return ArgParser(
                interp.guard(lambda: getattr(self.real, name)(*args, **kwargs), node, info), self.root
            )
        if name in ("set_defaults", "get_default"):
            if not all(_plain_arg(v) for v in [*args, *kwargs.values()]):
                raise Refused(f"{name} with these values", node.lineno)
            return interp.guard(lambda: getattr(self.real, name)(*args, **kwargs), node, info)
        argv = args[0] if args else kwargs.get("args")
        if argv is None:
            argv = []  # no command line here: the defaults, as `python script.py` would give
        if set(kwargs) - {"args"} or len(args) > 1 or not isinstance(argv, (list, tuple)):
            raise Refused(f"{name} with these arguments", node.lineno)
        if not all(type(a) is str for a in argv) or len(argv) > 1000:
            raise Refused(f"{name} of these values", node.lineno)
        try:
            result = getattr(self.root, name)(list(argv))
        except _ParserExit as exc:
            interp.fail(SystemExit(exc.args[0]), node, info)
        except Exception as exc:  # noqa: BLE001 - a type conversion that failed: argparse's own error
            interp.fail(exc, node, info)
        if name == "parse_known_args":
            return (Args(vars(result[0])), list(result[1]))
        return Args(vars(result))


def _plain_arg(value: Any, depth: int = 0) -> bool:
    if value is None or type(value) in (int, float, bool, str):
        return True
    if type(value) in (list, tuple) and depth < 2:
        return len(value) <= 1000 and all(_plain_arg(v, depth + 1) for v in value)
    return False


class Args(Modelled):
    """What parse_args returns (argparse.Namespace): the parsed values as attributes."""

    shown = "Namespace"

    def __init__(self, values: dict):
        self.values = dict(values)

    def attr(self, interp, name: str, node: ast.AST) -> Any:
        if name in self.values:
            return self.values[name]
        return super().attr(interp, name, node)

    def set_attr(self, interp, name: str, value: Any, node: ast.AST) -> None:
        self.values[name] = value

    def __repr__(self) -> str:
        return "Namespace(" + ", ".join(f"{k}={v!r}" for k, v in self.values.items()) + ")"


def _argument_parser(interp, args: list, kwargs: dict, node: ast.Call) -> ArgParser:
    if not all(_plain_arg(v) for v in [*args, *kwargs.values()]) or set(kwargs) - {
        "description",
        "prog",
        "usage",
        "epilog",
        "add_help",
        "allow_abbrev",
    }:
        raise Refused("ArgumentParser with these arguments", node.lineno)
    kwargs.setdefault("prog", "script.py")
    parser = interp.guard(lambda: _QuietParser(*args, **kwargs), node)
    return ArgParser(parser, parser)


ARGPARSE = Namespace(
    "argparse",
    {
        "ArgumentParser": _Builtin("argparse.ArgumentParser", _argument_parser),
        "Namespace": _Builtin("argparse.Namespace", lambda i, a, k, n: Args(k)),
    },
)


# --- unicodedata: pure functions of characters ----------------------------------------------------


def _unicode_fn(name: str):
    import unicodedata  # noqa: PLC0415

    real = getattr(unicodedata, name)

    def fn(interp, args: list, kwargs: dict, node: ast.Call) -> Any:
        if kwargs or not all(type(a) is str for a in args):
            raise Refused(f"unicodedata.{name} of these values", node.lineno)
        if sum(len(a) for a in args) * 18 > MAX_TEXT:  # NFKD expands a character at most 18-fold
            raise Limit("text size", node.lineno)
        return interp.guard(
            lambda: real(*args), node, CallInfo("function", f"unicodedata.{name}", tuple(args))
        )

    return _Builtin(f"unicodedata.{name}", fn)


UNICODEDATA = Namespace("unicodedata", {n: _unicode_fn(n) for n in ("normalize", "category", "combining")})


def _tqdm(interp, args: list, kwargs: dict, node: ast.Call) -> Any:
    """tqdm(iterable, ...): the same items (the progress bar itself is not drawn)."""
    return args[0] if args else kwargs.get("iterable")


TQDM = Namespace("tqdm", {"tqdm": _Builtin("tqdm.tqdm", _tqdm)})


# --- the names a script imports ------------------------------------------------------------------

# modules that only compute, modelled here (numpy, math, string, time and typing are elsewhere)
NAMESPACES = {
    "random": RANDOM,
    "itertools": ITERTOOLS,
    "functools": FUNCTOOLS,
    "collections": COLLECTIONS,
    "argparse": ARGPARSE,
    "unicodedata": UNICODEDATA,
    "tqdm": TQDM,
    "tqdm.auto": TQDM,
    "tqdm.notebook": TQDM,
}


def _sleep(interp, args: list, kwargs: dict, node: ast.Call) -> None:
    return None  # the stand-in clock does not wait


TIME_MEMBERS = {
    "sleep": _Builtin("time.sleep", _sleep),
}


def _len_of(original):
    """len(obj) of the snippet's own object calls its ``__len__``, as Python does."""
    from explainer.debugger.values import UserFunction, UserObject  # noqa: PLC0415

    def fn(interp, args: list, kwargs: dict, node: ast.Call) -> Any:
        if len(args) == 1 and not kwargs and isinstance(args[0], UserObject):
            method = args[0].cls.methods.get("__len__")
            if method is not None:
                result = interp.call_user(UserFunction(method, args[0]), [], {}, node)
                if type(result) is not int:
                    interp.fail(
                        TypeError(f"'{type(result).__name__}' object cannot be interpreted as an integer"),
                        node,
                    )
                if result < 0:
                    interp.fail(ValueError("__len__() should return >= 0"), node)
                return result
        return original(interp, args, kwargs, node)

    return fn


# --- exceptions: try/except/raise over Python's own exception classes ------------------------------


class ExceptionType(Modelled):
    """One of Python's exception classes (``ValueError``): caught by except, raised by raise."""

    shown = "type"

    def __init__(self, real: type[BaseException]):
        self.real = real

    def call(self, interp, args: list, kwargs: dict, node: ast.Call) -> BaseException:
        if kwargs or not all(_plain_arg(a) or isinstance(a, BaseException) for a in args):
            raise Refused(f"{self.real.__name__} of these values", node.lineno)
        if _text_size(args) > MAX_TEXT:
            raise Limit("text size", node.lineno)
        return self.real(*args)

    def __repr__(self) -> str:
        return f"<class '{self.real.__name__}'>"


EXCEPTIONS = {
    cls.__name__: ExceptionType(cls)
    for cls in (
        BaseException,
        Exception,
        ArithmeticError,
        AssertionError,
        AttributeError,
        FileNotFoundError,
        ImportError,
        IndexError,
        KeyError,
        KeyboardInterrupt,
        LookupError,
        ModuleNotFoundError,
        NameError,
        NotImplementedError,
        OSError,
        OverflowError,
        RuntimeError,
        StopIteration,
        TypeError,
        ValueError,
        ZeroDivisionError,
    )
}
EXCEPTIONS["IOError"] = EXCEPTIONS["OSError"]


def exception_classes(value: Any, node: ast.AST) -> tuple[type[BaseException], ...]:
    """The classes an ``except`` clause names (one, or a tuple of them)."""
    kinds = value if type(value) is tuple else (value,)
    if not all(isinstance(k, ExceptionType) for k in kinds):
        raise Refused("except with something other than Python's exception classes", node.lineno)
    return tuple(k.real for k in kinds)
