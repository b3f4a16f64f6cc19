"""What each statement does: one handler per ``ast`` statement kind, found in ``STATEMENTS``
(node type -> handler), as asteval's ``on_<node>`` table; assignment and unpacking.
"""

from __future__ import annotations

import ast
import collections
import operator
from collections.abc import Callable
from typing import Any

import torch
from torch import nn
from torch.nn.utils import rnn as rnn_utils

from explainer.debugger import nplib, pylib, torchlib
from explainer.debugger.errors import VALUE_CONSTRUCT, Limit, Refused, UserError, _Break, _Continue, _Return
from explainer.debugger.expressions import PLAIN_EXPR
from explainer.debugger.limits import MAX_ITERATIONS, MAX_KEY_ITEMS, MAX_STEPS, MAX_TEXT
from explainer.debugger.meta import _has_real, _standin
from explainer.debugger.namespaces import NAMESPACES
from explainer.debugger.sizes import _text_size
from explainer.debugger.values import (
    DATASET,
    UserClass,
    UserFunction,
    UserObject,
    _DataLoader,
    _Enumerate,
    _Generator,
    _NeedsValue,
    _NoGrad,
    _TypeHint,
    _Value,
    _Zip,
)

# the special methods a class of the snippet's may define: each called where Python calls it
PLAIN_DUNDERS = {"__init__", "__len__", "__getitem__", "__call__"}
STATEMENT_NAMES = {
    ast.Delete: "del",
    ast.Global: "global",
    ast.Nonlocal: "nonlocal",
    ast.AsyncFunctionDef: "async def",
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


def _targets(stmt: ast.stmt) -> list[ast.expr]:
    return stmt.targets if isinstance(stmt, ast.Assign) else [getattr(stmt, "target", None)]


class Statements:
    """One handler per statement kind (``STATEMENTS``); assignment, unpacking, loops, classes."""

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
        handler = STATEMENTS.get(type(node))
        if handler is None:
            raise Refused(STATEMENT_NAMES.get(type(node), type(node).__name__), node.lineno)
        handler(self, node, env)

    def do_assign(self, node: ast.Assign, env: dict) -> None:
        value = self.evaluate(node.value, env)
        for target in node.targets:
            self.assign(target, value, env, node)

    def do_annassign(self, node: ast.AnnAssign, env: dict) -> None:
        if node.value is not None:  # the annotation itself is never evaluated: types only
            self.assign(node.target, self.evaluate(node.value, env), env, node)
        elif not isinstance(node.target, ast.Name):
            raise Refused("annotation of an attribute or item", node.lineno)

    def do_expr(self, node: ast.Expr, env: dict) -> None:
        self.evaluate(node.value, env)

    def do_break(self, node: ast.Break, env: dict) -> None:
        raise _Break

    def do_continue(self, node: ast.Continue, env: dict) -> None:
        raise _Continue

    def do_assert(self, node: ast.Assert, env: dict) -> None:
        if not self.truth(self.evaluate(node.test, env), node):
            msg = () if node.msg is None else (self.evaluate(node.msg, env),)
            if msg and _text_size(msg[0]) > MAX_TEXT:
                raise Limit("text size", node.lineno)
            self.fail(AssertionError(*msg), node)

    def do_if(self, node: ast.If, env: dict) -> None:
        test = self.evaluate(node.test, env)
        try:
            taken = self.truth(test, node)
        except Refused as refused:
            self.only_prints(test, node, env, refused)
            return
        self.exec_block(node.body if taken else node.orelse, env)

    def do_functiondef(self, node: ast.FunctionDef, env: dict) -> None:
        self.check_function(node)
        env[node.name] = UserFunction(node, closure=None if env is self.globals else env)

    def do_return(self, node: ast.Return, env: dict) -> None:
        raise _Return(self.evaluate(node.value, env) if node.value is not None else None)

    def do_pass(self, node: ast.Pass, env: dict) -> None:
        pass

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

    def loop_body(self, node: ast.While | ast.For, env: dict) -> bool:
        """One pass of a loop's body: False when it breaks (the loop ends, its else skipped)."""
        self.loops += 1
        try:
            self.exec_block(node.body, env)
        except _Break:
            return False
        except _Continue:
            pass
        finally:
            self.loops -= 1
        return True

    def do_while(self, node: ast.While, env: dict) -> None:
        count = 0
        while self.truth(self.evaluate(node.test, env), node):
            count += 1
            if count > MAX_ITERATIONS:
                raise Limit("iterations", node.lineno)
            self.tick(node)
            if not self.loop_body(node, env):
                return
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
            if not self.loop_body(node, env):
                return
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

    def check_name(self, name: str, node: ast.AST) -> None:
        if name.startswith("__"):
            raise Refused(f"dunder name {name}", node.lineno)

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


# node type -> its handler, called as handler(interp, node, env); a statement kind not here is refused
STATEMENTS: dict[type, Callable[..., Any]] = {
    ast.Import: Statements.do_import,
    ast.ImportFrom: Statements.do_import,
    ast.Assign: Statements.do_assign,
    ast.AnnAssign: Statements.do_annassign,
    ast.AugAssign: Statements.do_augassign,
    ast.Expr: Statements.do_expr,
    ast.For: Statements.do_for,
    ast.While: Statements.do_while,
    ast.Break: Statements.do_break,
    ast.Continue: Statements.do_continue,
    ast.Assert: Statements.do_assert,
    ast.If: Statements.do_if,
    ast.With: Statements.do_with,
    ast.ClassDef: Statements.do_class,
    ast.FunctionDef: Statements.do_functiondef,
    ast.Return: Statements.do_return,
    ast.Pass: Statements.do_pass,
    ast.Try: Statements.do_try,
    ast.Raise: Statements.do_raise,
}
