"""How torch itself is asked: every operation and module call on meta tensors (torch's real
shape checks, no memory), and the bounded re-run on small real tensors that gets torch's own
words where a meta kernel words an error differently.
"""

from __future__ import annotations

import ast
from typing import Any

import torch
from torch import nn
from torch.nn.utils import rnn as rnn_utils

from explainer import budget, quiet
from explainer.debugger import torchlib
from explainer.debugger.errors import VALUE_CONSTRUCT, Limit, Refused, UserError, _Control
from explainer.debugger.limits import (
    BUILD_S,
    MAX_CALL_DEPTH,
    MAX_CHILDREN,
    MAX_GRAPH,
    MAX_KEY_ITEMS,
    MAX_LAYERS,
    MAX_REAL_ELEMENTS,
    MAX_REAL_RESULT,
    MAX_TWIN_PARAMETERS,
    META_CALL_S,
)
from explainer.debugger.record import CallInfo, ModuleInfo, Provenance
from explainer.debugger.sizes import _count_elements
from explainer.debugger.values import UserObject, _Generator, _map_tensors, _NeedsValue, _NotModelled


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


RNN_CLASSES = {"RNN": nn.RNN, "LSTM": nn.LSTM, "GRU": nn.GRU}
CELL_CLASSES = {"RNNCell": nn.RNNCell, "LSTMCell": nn.LSTMCell, "GRUCell": nn.GRUCell}
# losses that broadcast input against target (with a UserWarning only): a silent mistake
BROADCASTING_LOSSES = (nn.MSELoss, nn.L1Loss, nn.SmoothL1Loss, nn.HuberLoss)
CONTAINERS = {"Sequential": nn.Sequential, "ModuleList": nn.ModuleList}


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


# functions whose integer arguments torch checks on real data only: checked by their range when
# that is all there is (a shuffled loader's targets); any other integers as before
RANGE_CHECKED = {"cross_entropy", "nll_loss", "one_hot", "embedding"}


class _NoKey(Exception):
    """A module call whose arguments this checker cannot key on cheaply: it is not cached."""


MAX_CACHED_CALLS = 256


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


def warm_up() -> None:
    """torch's first meta-device RNN call loads its kernels (~1.6 s here): pay it once per process."""
    for cls in RNN_CLASSES.values():
        cls(2, 2, device="meta")(torch.empty(1, 1, 2, device="meta"))


class Meta:
    """torch's verdict on one operation or module call: on meta first, then re-run for real."""

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
        with quiet.ignored(), torch.no_grad():
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
        with quiet.ignored():
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
