"""What ``x[i]`` reads and what ``x[i] = v`` writes: tensors, sequences, datasets, loaders."""

from __future__ import annotations

import ast
from typing import Any

import torch
from torch import nn
from torch.utils.data import default_collate

from explainer.debugger import nplib, pylib
from explainer.debugger.errors import VALUE_CONSTRUCT, Limit, Refused, UserError
from explainer.debugger.limits import MAX_ITERATIONS, MAX_REAL_ELEMENTS, MAX_REAL_RESULT
from explainer.debugger.meta import _call_key, _floats_to_meta, _has_meta, _NoKey, _standin, _to_meta
from explainer.debugger.record import CallInfo, Provenance
from explainer.debugger.values import (
    UserFunction,
    UserObject,
    _DataLoader,
    _holds_value,
    _plain,
    _TypeHint,
    _Value,
)


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


class Indexing:
    """``x[i]`` and ``x[i] = v`` on tensors, sequences, datasets and loaders."""

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
