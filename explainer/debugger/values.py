"""What a snippet's values are where Python or torch has no object of its own: the snippet's
classes, functions and objects, modules of names, built-in functions, numbers only the real
run has, optimizers, schedulers and data loaders; and how tensors are found inside a value.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Any

import torch
from torch.nn.utils import rnn as rnn_utils

from explainer.debugger.limits import MAX_KEY_ITEMS, MAX_PIECES


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


class Namespace:
    """A whitelisted module-like namespace (torch, torch.nn, torch.nn.utils.rnn, ...)."""

    def __init__(self, name: str, members: dict[str, Any]):
        self.name = name
        self.members = members

    def __repr__(self) -> str:
        return f"<module '{self.name}'>"


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


def _map_values(value: Any, depth: int = 0) -> Any:
    """Unknown numbers (``_Value``) replaced by a number of their kind, in tuples and dicts."""
    if isinstance(value, _Value):
        return value.standin
    if depth < 4 and type(value) in (list, tuple):
        return type(value)(_map_values(v, depth + 1) for v in value)
    if depth < 4 and type(value) is dict:
        return {k: _map_values(v, depth + 1) for k, v in value.items()}
    return value


def _holds_value(value: Any, depth: int = 0) -> bool:
    """Whether an unknown number (from a meta tensor's .item()) is inside this value."""
    if isinstance(value, _Value):
        return True
    if depth < 4 and type(value) in (list, tuple):
        return any(_holds_value(v, depth + 1) for v in value[:MAX_KEY_ITEMS])
    if depth < 4 and type(value) is dict:
        return any(_holds_value(v, depth + 1) for v in list(value.values())[:MAX_KEY_ITEMS])
    return False


class _TooBig(Exception):
    """Raised inside a builtin; becomes a Limit at the call's line."""


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


# arguments a torch function may be handed: torch's own values, never the checker's objects
PLAIN = (torch.Tensor, int, float, bool, str, type(None), torch.dtype, slice, type(Ellipsis))


def _plain(value: Any, depth: int = 0) -> bool:
    if isinstance(value, PLAIN) or isinstance(value, rnn_utils.PackedSequence):
        return True
    if type(value) in (list, tuple) or isinstance(value, torch.Size):
        return depth < 4 and len(value) <= MAX_PIECES and all(_plain(v, depth + 1) for v in value)
    return False


def _numbers(value: Any, depth: int = 0) -> bool:
    """Numbers, or (nested, at most 4 deep) lists and tuples of them: data a constructor can read."""
    if type(value) in (int, float, bool):
        return True
    if type(value) in (list, tuple):
        return depth < 4 and len(value) <= MAX_PIECES and all(_numbers(v, depth + 1) for v in value)
    return False
