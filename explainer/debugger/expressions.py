"""What each expression evaluates to: one handler per ``ast`` expression kind, found in
``EXPRESSIONS`` (node type -> handler), as simpleeval's node -> handler map; names, truth,
operators and attributes.
"""

from __future__ import annotations

import ast
import builtins
import collections
import operator
from collections.abc import Callable
from typing import Any

import torch
from torch import nn
from torch.nn.utils import rnn as rnn_utils

from explainer.debugger import nplib, pylib, torchlib
from explainer.debugger.calls import Calls
from explainer.debugger.errors import VALUE_CONSTRUCT, Limit, Refused, UserError
from explainer.debugger.indexing import Indexing
from explainer.debugger.limits import MAX_ITERATIONS, MAX_TEXT, MAX_WEIGHT
from explainer.debugger.meta import _has_real, _to_meta
from explainer.debugger.namespaces import BUILTINS, FORBIDDEN_NAMES, MODULE_METHODS, STR_METHODS, TENSOR_ATTRS
from explainer.debugger.record import CallInfo
from explainer.debugger.sizes import _percent_size, _text_size
from explainer.debugger.values import (
    Namespace,
    UserClass,
    UserFunction,
    UserObject,
    _Bound,
    _Enumerate,
    _Generator,
    _holds_value,
    _map_values,
    _Optimizer,
    _Scheduler,
    _TypeHint,
    _Value,
    _Zip,
)

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


class Expressions:
    """One handler per expression kind (``EXPRESSIONS``); names, truth, operators, attributes."""

    def evaluate(self, node: ast.expr, env: dict) -> Any:
        handler = EXPRESSIONS.get(type(node))
        if handler is None:
            raise Refused(type(node).__name__, node.lineno)
        return handler(self, node, env)

    def on_constant(self, node: ast.Constant, env: dict) -> Any:
        if isinstance(node.value, (int, float, bool, str, type(None))) or node.value is Ellipsis:
            return node.value
        raise Refused(f"constant of type {type(node.value).__name__}", node.lineno)

    def on_name(self, node: ast.Name, env: dict) -> Any:
        return self.load_name(node.id, env, node)

    def on_tuple(self, node: ast.Tuple, env: dict) -> Any:
        return tuple(self.elements(node.elts, env))

    def on_list(self, node: ast.List, env: dict) -> Any:
        return self.elements(node.elts, env)

    def on_set(self, node: ast.expr, env: dict) -> Any:
        # {a, b}, {w for w in words}
        items = self.elements(node.elts, env) if isinstance(node, ast.Set) else None
        if items is None:
            items = self.comprehension(ast.ListComp(node.elt, node.generators, lineno=node.lineno), env)
        return pylib.BUILTINS["set"].fn(self, [items], {}, node)

    def on_lambda(self, node: ast.Lambda, env: dict) -> Any:
        # a function of one expression, as def would make it
        body = [ast.Return(node.body, lineno=node.lineno, col_offset=node.col_offset)]
        fn = ast.FunctionDef("<lambda>", node.args, body, [], lineno=node.lineno, col_offset=node.col_offset)
        if node.args.vararg or node.args.kwarg or node.args.kwonlyargs:
            raise Refused("lambda with *args or **kwargs", node.lineno)
        return UserFunction(fn, closure=None if env is self.globals else env)

    def on_binop(self, node: ast.BinOp, env: dict) -> Any:
        op = BIN_OPS.get(type(node.op))
        if op is None:
            raise Refused(type(node.op).__name__, node.lineno)
        return self.binop(op, self.evaluate(node.left, env), self.evaluate(node.right, env), node)

    def on_unaryop(self, node: ast.UnaryOp, env: dict) -> Any:
        operand = self.evaluate(node.operand, env)
        if isinstance(node.op, ast.USub):
            return self.guard(lambda: -operand, node)
        if isinstance(node.op, ast.UAdd):
            return operand
        if isinstance(node.op, ast.Not):
            return not self.truth(operand, node)
        raise Refused(type(node.op).__name__, node.lineno)

    def on_boolop(self, node: ast.BoolOp, env: dict) -> Any:
        result = None
        for value_node in node.values:  # short-circuit, as Python does
            result = self.evaluate(value_node, env)
            truth = self.truth(result, node)
            if truth == isinstance(node.op, ast.Or):
                return result
        return result

    def on_compare(self, node: ast.Compare, env: dict) -> Any:
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
            result = self.guard(lambda left=left, right=right, op=op: CMP_OPS[type(op)](left, right), node)
            if len(node.ops) == 1:
                return result  # may be a tensor, as in `mask = x != 0`
            if not self.truth(result, node):
                return False
            left = right
        return result

    def on_ifexp(self, node: ast.IfExp, env: dict) -> Any:
        test = self.evaluate(node.test, env)
        try:
            taken = self.truth(test, node)
        except Refused as refused:
            return self.either(test, node, env, refused)
        return self.evaluate(node.body if taken else node.orelse, env)

    def on_attribute(self, node: ast.Attribute, env: dict) -> Any:
        return self.attribute(self.evaluate(node.value, env), node.attr, node)

    def on_slice(self, node: ast.Slice, env: dict) -> Any:
        parts = [
            self.evaluate(p, env) if p is not None else None for p in (node.lower, node.upper, node.step)
        ]
        return slice(*parts)

    def on_joinedstr(self, node: ast.JoinedStr, env: dict) -> Any:
        parts, size = [], 0
        for v in node.values:
            part = self.evaluate(v.value, env) if isinstance(v, ast.FormattedValue) else v.value
            size += _text_size(part, MAX_TEXT)
            if size > MAX_TEXT:  # sized before str() builds it
                raise Limit("text size", node.lineno)
            parts.append(part)
        return "".join(str(p) for p in parts)

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


# node type -> its handler, called as handler(interp, node, env); an expression kind not here is refused
EXPRESSIONS: dict[type, Callable[..., Any]] = {
    ast.Constant: Expressions.on_constant,
    ast.Name: Expressions.on_name,
    ast.Tuple: Expressions.on_tuple,
    ast.List: Expressions.on_list,
    ast.Dict: Expressions.dict_display,
    ast.ListComp: Expressions.comprehension,
    ast.GeneratorExp: Expressions.comprehension,
    ast.DictComp: Expressions.comprehension,
    ast.Set: Expressions.on_set,
    ast.SetComp: Expressions.on_set,
    ast.Lambda: Expressions.on_lambda,
    ast.BinOp: Expressions.on_binop,
    ast.UnaryOp: Expressions.on_unaryop,
    ast.BoolOp: Expressions.on_boolop,
    ast.Compare: Expressions.on_compare,
    ast.IfExp: Expressions.on_ifexp,
    ast.Attribute: Expressions.on_attribute,
    ast.Subscript: Indexing.subscript,
    ast.Slice: Expressions.on_slice,
    ast.Call: Calls.call,
    ast.JoinedStr: Expressions.on_joinedstr,
}
