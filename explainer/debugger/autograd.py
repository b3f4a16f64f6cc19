"""Autograd as followed here: which module calls a tensor's backward() needs, what backward()
frees, which parameters get a .grad, and what an optimizer's step() changes.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import torch
from torch import nn

from explainer.debugger import inplace
from explainer.debugger.errors import Limit, Refused, UserError
from explainer.debugger.limits import BUILD_S, MAX_CALL_DEPTH, MAX_GRAPH, MAX_KEY_ITEMS, META_CALL_S
from explainer.debugger.values import UserObject, _map_tensors, _tensors

if TYPE_CHECKING:
    from explainer.debugger.record import CallInfo
    from explainer.debugger.values import UserFunction, _Optimizer


# torch's own words (autograd's engine) when backward() reaches saved tensors a backward() freed
BACKWARD_TWICE = (
    "Trying to backward through the graph a second time (or directly access saved tensors after they "
    "have already been freed). Saved intermediate values of the graph are freed when you call .backward() "
    "or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time "
    "or if you need to access saved tensors after calling backward."
)


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


@dataclass
class Graph:
    """autograd's graph, followed per tensor (see ``Autograd.record_graph``).

    ``edges``: tensor id -> the module calls (indices into ``nodes``) whose saved tensors its
    backward() needs (None: not followed); ``freed``: call -> the line of the backward() that freed
    it; ``saved``: what the calls saved, by id (kept alive, so ids stay unique).
    """

    edges: dict[int, frozenset[int] | None] = field(default_factory=dict)
    nodes: list[GraphNode] = field(default_factory=list)
    freed: dict[int, int] = field(default_factory=dict)
    saved: dict[int, torch.Tensor] = field(default_factory=dict)

    def of(self, value: Any) -> frozenset[int] | None:
        """The module calls whose saved tensors a backward() from these tensors would need; None
        when one of them is not followed."""
        found: set[int] = set()
        unknown = []

        def visit(t: torch.Tensor) -> torch.Tensor:
            deps = self.edges.get(id(t), frozenset())
            if deps is None:
                unknown.append(t)
            else:
                found.update(deps)
            return t

        _map_tensors(value, visit)
        return None if unknown else frozenset(found)


class Autograd:
    """backward(), .grad and step(): the graph each tensor hangs on (``Graph``) and what it frees."""

    def graph_of(self, value: Any) -> frozenset[int] | None:
        """The module calls whose saved tensors a backward() from these tensors would need."""
        return self.autograd.of(value)

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
                self.autograd.saved[id(t)] = t
                saved[id(t)] = t._version
            self.autograd.nodes.append(
                GraphNode(call, line, bool(deps.intersection(self.autograd.freed)), saved)
            )
            deps = deps | {len(self.autograd.nodes) - 1}
        if deps is not None and len(deps) > MAX_GRAPH:
            deps = None
        if deps is not None and not deps:
            return

        def store(t: torch.Tensor) -> torch.Tensor:
            if t.requires_grad and id(t) not in self.autograd.edges:
                self.autograd.edges[id(t)] = deps
                self.keep.append(t)
            elif t.requires_grad and self.autograd.edges[id(t)] is not None:  # in place: out[t] = h, x += y
                both = self.autograd.edges[id(t)] | deps if deps is not None else None
                self.autograd.edges[id(t)] = both if both is None or len(both) <= MAX_GRAPH else None
            return t

        _map_tensors(result, store)

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
        graph_node = self.autograd.nodes[n]
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

    def backward(self, obj: torch.Tensor, args: list, kwargs: dict, node: ast.Call, info: CallInfo) -> None:
        """``loss.backward()``: the checks torch makes before any gradient, the graph it frees."""
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
            stale = {n for n in deps if self.autograd.nodes[n].stale(self.autograd.saved)}
            for n in sorted(stale.union(deps.intersection(self.autograd.freed)), reverse=True):
                if n in self.autograd.freed:
                    break
                self.check_versions(n, node, info)
        if deps and deps.intersection(self.autograd.freed):  # saved tensors an earlier backward() freed
            raise UserError(RuntimeError(BACKWARD_TWICE), node.lineno, info, reason="backward_twice")
        if deps and not retain:
            for n in deps:
                self.autograd.freed[n] = node.lineno
        for n in deps or ():  # each parameter that backward() reaches gets a .grad
            for p in self.autograd.nodes[n].call.target.parameters():
                if p.requires_grad:
                    self.grads[id(p)] = p
        return None
