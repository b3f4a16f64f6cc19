"""What a call does: the snippet's own functions, builtins, and the bound methods of tensors,
modules, strings and optimizers.
"""

from __future__ import annotations

import ast
import collections
from typing import Any

import torch
from torch import nn

from explainer import quiet
from explainer.debugger import nplib, pylib, torchlib
from explainer.debugger.errors import VALUE_CONSTRUCT, Limit, Refused, UserError, _Return
from explainer.debugger.limits import MAX_CALL_DEPTH, MAX_CHILDREN, MAX_REAL_RESULT, MAX_TEXT, PY_CALL_S
from explainer.debugger.meta import _has_meta, _has_real, _standin, _to_meta
from explainer.debugger.namespaces import (
    _TORCH,
    BUILTINS,
    LEGACY_NAMES,
    MODULE_CLASSES,
    VALUE_BUILTINS,
    VALUE_FUNCTIONS,
    _checked_result,
    _legacy_tensor,
)
from explainer.debugger.record import CallInfo
from explainer.debugger.values import (
    UserClass,
    UserFunction,
    UserObject,
    _Bound,
    _Builtin,
    _Generator,
    _holds_value,
    _LegacyTensor,
    _Optimizer,
    _plain,
    _Scheduler,
    _Value,
)

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


class Calls:
    """A call, dispatched by what is called: a function of the snippet, a builtin, a bound method."""

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

    def value_function(self, name: str, args: list, kwargs: dict, node: ast.AST, info: CallInfo) -> Any:
        """torch.allclose(a, b) on meta: torch's shape checks (those of isclose), then a bool that
        only the numbers decide (unknown here, as a meta tensor's .item())."""
        check = VALUE_FUNCTIONS[name]
        if check is not None:
            self.tensor_op(getattr(torch, check), args, kwargs, node, info, name=check)
        elif name == "is_nonzero":
            self.guard(lambda: _standin(_to_meta(args[0])).bool(), node, info)  # numel() != 1: torch's words
        return _Value(bool)

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
            with quiet.ignored():  # "step() before optimizer.step()": torch only warns
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
        return self.backward(obj, args, kwargs, node, info)
