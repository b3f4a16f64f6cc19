"""Turn torch's message into the user's terms: their names, their numbers, the rule, a fix.

A fix is a set of edits of the user's own source at the parser's positions: an assignment
inserted before the failing statement (only when what it assigns to is a plain name), or one
whole expression of a statement replaced by another (an argument, a constructor call). Nothing
is found by searching the text, so ``h`` never matches inside ``h2``; the caller parses every
fixed source again before offering it.
"""

from __future__ import annotations

import ast
import math
import re
from dataclasses import dataclass
from typing import Any

import torch
from torch import nn
from torch.nn.utils import rnn as rnn_utils

from explainer.debugger.interp import (
    CELL_CLASSES,
    NAMESPACES,
    RNN_CLASSES,
    CallInfo,
    Interpreter,
    Namespace,
    UserError,
)
from explainer.i18n import join, t

# --- the fix: edits at source positions ---------------------------------------------------------


@dataclass(frozen=True)
class Edit:
    """Code that goes before line ``line`` (``end`` None) or replaces lines ``line``..``end``.

    ``text`` is dedented; it takes the indentation of the line it goes to.
    """

    line: int
    end: int | None
    text: str


@dataclass(frozen=True)
class Fix:
    """Corrected code: one or more edits of the snippet."""

    edits: tuple[Edit, ...]

    @property
    def code(self) -> str:
        """The edited lines, in source order: what the page shows as the fix."""
        ordered = sorted(self.edits, key=lambda e: (e.line, e.end is not None))
        return "\n".join(e.text for e in ordered)


def _fix(*edits: Edit | None) -> Fix | None:
    """A Fix of these edits; None if any of them could not be made."""
    if not edits or any(e is None for e in edits):
        return None
    return Fix(tuple(edits))


def split_lines(source: str) -> list[str]:
    """The source's lines as Python's tokenizer counts them (\\n, \\r\\n, \\r), ends kept."""
    return re.findall(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", source)


class _Positions:
    """(line, UTF-8 byte column) from the parser -> an index into the source text."""

    def __init__(self, source: str):
        self.lines = split_lines(source)
        self.starts = [0]
        for line in self.lines:
            self.starts.append(self.starts[-1] + len(line))

    def index(self, line: int, col: int) -> int:
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        return self.starts[line - 1] + len(text.encode("utf-8")[:col].decode("utf-8", errors="ignore"))


def _contains(outer: ast.AST, inner: ast.AST) -> bool:
    return (outer.lineno, outer.col_offset) <= (inner.lineno, inner.col_offset) and (
        outer.end_lineno,
        outer.end_col_offset,
    ) >= (inner.end_lineno, inner.end_col_offset)


def _statement(interp: Interpreter, node: ast.AST | None) -> ast.stmt | None:
    """The innermost statement of the snippet that holds ``node``."""
    if node is None or interp.tree is None or not hasattr(node, "end_lineno"):
        return None
    best = None
    for stmt in ast.walk(interp.tree):
        if isinstance(stmt, ast.stmt) and _contains(stmt, node):
            if best is None or _contains(best, stmt):
                best = stmt
    return best


def _region(stmt: ast.stmt) -> tuple[int, int]:
    """The lines of a statement that an edit may rewrite: a compound statement's header only."""
    body = getattr(stmt, "body", None)
    if isinstance(body, list) and body and body[0].lineno > stmt.lineno:
        return stmt.lineno, body[0].lineno - 1
    return stmt.lineno, stmt.end_lineno or stmt.lineno


def _dedent(text: str) -> str:
    lines = text.split("\n")
    indent = lines[0][: len(lines[0]) - len(lines[0].lstrip())]
    return "\n".join(ln[len(indent) :] if ln.startswith(indent) else ln for ln in lines)


def _replace(interp: Interpreter, *changes: tuple[ast.AST, str]) -> Edit | None:
    """The statement holding these expressions, each replaced (whole, by position) with new code."""
    stmt = _statement(interp, changes[0][0])
    if stmt is None or any(_statement(interp, node) is not stmt for node, _ in changes[1:]):
        return None
    first, last = _region(stmt)
    if any(node.end_lineno > last for node, _ in changes):
        return None
    pos = _Positions(interp.source)
    base = pos.starts[first - 1]
    text = "".join(pos.lines[first - 1 : last])
    for node, new in sorted(changes, key=lambda c: (c[0].lineno, c[0].col_offset), reverse=True):
        a = pos.index(node.lineno, node.col_offset) - base
        b = pos.index(node.end_lineno, node.end_col_offset) - base
        text = text[:a] + new + text[b:]
    return Edit(first, last, _dedent(text.rstrip("\r\n").replace("\r\n", "\n").replace("\r", "\n")))


def _insert(interp: Interpreter, before: ast.AST | None, code: str) -> Edit | None:
    """Code that goes just before the statement holding ``before``."""
    stmt = _statement(interp, before)
    return Edit(stmt.lineno, None, code) if stmt is not None else None


def _assign_or_replace(
    interp: Interpreter, node: ast.AST | None, value: str, comment: str = ""
) -> Edit | None:
    """``name = value`` before the statement when ``node`` is a plain name; else the expression
    itself replaced by ``value`` (``make(3) = ...`` is not code)."""
    if node is None:
        return None
    if isinstance(node, ast.Name):
        return _insert(interp, node, f"{node.id} = {value}{'  # ' + comment if comment else ''}")
    return _replace(interp, (node, value))


def apply_fix(source: str, fix: Fix) -> str:
    """The whole snippet with the fix in place, each edit indented like the line it goes to."""
    lines = [ln.rstrip("\r\n") for ln in split_lines(source)]
    # bottom up, so earlier line numbers stay valid; of two inserts at one line, the first listed ends first
    order = sorted(enumerate(fix.edits), key=lambda p: (p[1].line, p[1].end is not None, p[0]), reverse=True)
    for _, edit in order:
        at = edit.line - 1
        indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())] if at < len(lines) else ""
        new = [indent + ln if ln.strip() else ln for ln in edit.text.split("\n")]
        lines[at : at if edit.end is None else edit.end] = new
    return "\n".join(lines) + "\n"


# --- reading the failing call -------------------------------------------------------------------


def _seg(interp: Interpreter, node: ast.AST | None, default: str) -> str:
    if node is None:
        return default
    return ast.get_source_segment(interp.source, node) or default


def _arg_node(call: CallInfo, i: int, keyword: str | None = None) -> ast.AST | None:
    """The i-th positional argument of the failing call as written, or the keyword one."""
    node = call.node
    if isinstance(node, ast.Call) and len(node.args) > i:
        return node.args[i]
    if isinstance(node, ast.Call) and keyword:
        return next((kw.value for kw in node.keywords if kw.arg == keyword), None)
    return None


def _arg(call: CallInfo, i: int, keyword: str) -> Any:
    """The value of the i-th positional argument, or of the keyword one."""
    if len(call.args) > i:
        return call.args[i]
    return call.kwargs.get(keyword)


ATOMS = (ast.Name, ast.Attribute, ast.Call, ast.Subscript, ast.Constant, ast.Tuple, ast.List)


def _atom(interp: Interpreter, node: ast.AST | None, default: str) -> str:
    """The expression as written, in parentheses where a method call on it needs them."""
    text = _seg(interp, node, default)
    return text if node is None or isinstance(node, ATOMS) else f"({text})"


def _simple(node: ast.AST | None) -> bool:
    """A name or a chain of attributes of one (``x``, ``self.x``): cheap to read again anywhere."""
    while isinstance(node, ast.Attribute):
        node = node.value
    return isinstance(node, ast.Name)


def _shape(x: Any) -> str:
    return str(tuple(x.shape)) if isinstance(x, torch.Tensor) else type(x).__name__


def _H_out(module: nn.Module) -> int:
    return getattr(module, "proj_size", 0) or module.hidden_size


def _D(module: nn.Module) -> int:
    return 2 if getattr(module, "bidirectional", False) else 1


def _ints(text: str) -> tuple[int, ...]:
    return tuple(int(v) for v in re.findall(r"\d+", text))


def _dtype_text(dtype: torch.dtype) -> str:
    return str(dtype)  # 'torch.float64'


# --- rebuilding a constructor call --------------------------------------------------------------

_RNN_ARGS = ["input_size", "hidden_size", "num_layers", "bias", "batch_first", "dropout", "bidirectional"]
PARAMETERS: dict[type, list[str]] = {
    nn.RNN: [*_RNN_ARGS[:3], "nonlinearity", *_RNN_ARGS[3:]],
    nn.LSTM: [*_RNN_ARGS, "proj_size"],
    nn.GRU: _RNN_ARGS,
    nn.Linear: ["in_features", "out_features", "bias"],
    nn.Embedding: ["num_embeddings", "embedding_dim", "padding_idx"],
    nn.RNNCell: ["input_size", "hidden_size", "bias", "nonlinearity"],
    nn.LSTMCell: ["input_size", "hidden_size", "bias"],
    nn.GRUCell: ["input_size", "hidden_size", "bias"],
}
DEFAULTS = {"proj_size": 0}
REMOVE = object()  # a change that drops the argument


def _ctor_value(call: CallInfo, cls: type, name: str, default: Any = None) -> Any:
    """An argument of a constructor call by its name in torch's signature."""
    names = PARAMETERS.get(cls, [])
    if name in call.kwargs:
        return call.kwargs[name]
    if name in names and names.index(name) < len(call.args):
        return call.args[names.index(name)]
    return default


def _ctor_text(interp: Interpreter, node: ast.Call, cls: type, changes: dict[str, Any]) -> str | None:
    """The constructor call as the user wrote it, with some arguments changed, added or dropped."""
    names = PARAMETERS.get(cls, [])
    parts, done = [], set()
    for i, arg in enumerate(node.args):
        name = names[i] if i < len(names) else None
        if isinstance(arg, ast.Starred):
            return None
        if name in changes:
            done.add(name)
            value = changes[name]
            if value is REMOVE:
                if i == len(node.args) - 1:
                    continue
                value = DEFAULTS.get(name)
            parts.append(repr(value))
        else:
            parts.append(_seg(interp, arg, "..."))
    for kw in node.keywords:
        if kw.arg is None:
            return None
        if kw.arg in changes:
            done.add(kw.arg)
            if changes[kw.arg] is not REMOVE:
                parts.append(f"{kw.arg}={changes[kw.arg]!r}")
        else:
            parts.append(f"{kw.arg}={_seg(interp, kw.value, '...')}")
    for name, value in changes.items():
        if name not in done:
            if value is REMOVE:
                return None  # not found: nothing to drop
            parts.append(f"{name}={value!r}")
    return f"{_seg(interp, node.func, 'nn.' + cls.__name__)}({', '.join(parts)})"


def _rebuild(interp: Interpreter, node: ast.Call | None, cls: type, **changes: Any) -> Fix | None:
    """Rebuild a module where it was built: its constructor call, replaced in place."""
    if not isinstance(node, ast.Call):
        return None
    text = _ctor_text(interp, node, cls, changes)
    return _fix(_replace(interp, (node, text))) if text else None


def _rebuild_module(interp: Interpreter, module: nn.Module, **changes: Any) -> Fix | None:
    info = interp.module_info(module)
    return _rebuild(interp, info.node, info.cls, **changes) if info is not None else None


# --- fixes of the states ------------------------------------------------------------------------


def _zeros(dims: list[Any], dtype: torch.dtype | None) -> str:
    extra = f", dtype={_dtype_text(dtype)}" if dtype is not None and dtype != torch.float32 else ""
    return f"torch.zeros({', '.join(str(d) for d in dims)}{extra})"


def _expected_states(interp: Interpreter, call: CallInfo, module: nn.Module) -> dict | None:
    """What torch expects of h_0 (and c_0) for this call's input: shapes, and code that builds them."""
    x = _arg(call, 0, "input")
    x_node = _arg_node(call, 0, "input")
    rows = _D(module) * module.num_layers
    if isinstance(x, rnn_utils.PackedSequence):
        batched, n, n_text, dtype = True, int(x.batch_sizes[0]), str(int(x.batch_sizes[0])), x.data.dtype
    elif isinstance(x, torch.Tensor) and x.dim() in (2, 3):
        batched, dtype = x.dim() == 3, x.dtype
        axis = 0 if module.batch_first else 1
        n = x.shape[axis] if batched else None
        n_text = f"{_atom(interp, x_node, 'x')}.size({axis})" if batched and _simple(x_node) else str(n)
    else:
        return None
    dtype = dtype if dtype.is_floating_point else None

    def state(width: int) -> tuple[tuple[int, ...], str]:
        if batched:
            return (rows, n, width), _zeros([rows, n_text, width], dtype)
        return (rows, width), _zeros([rows, width], dtype)

    out: dict[str, Any] = {"h": state(_H_out(module)), "n_text": n_text if batched else None}
    if isinstance(module, nn.LSTM):
        out["c"] = state(module.hidden_size)
    return out


FACTORY_NAMES = {"zeros", "randn", "ones", "empty", "rand"}
CHAINED = {"to", "float", "double", "cuda", "cpu", "contiguous", "detach", "requires_grad_"}


def _scope(interp: Interpreter, node: ast.AST) -> ast.AST:
    """The innermost function (or the module) whose body holds ``node``; one walk per snippet."""
    scopes = getattr(interp, "scopes", None)
    if scopes is None:
        scopes = interp.scopes = {}
        stack: list[tuple[ast.AST, ast.AST]] = [(interp.tree, interp.tree)]
        while stack:
            current, scope = stack.pop()
            scopes[id(current)] = scope
            inner = current if isinstance(current, (ast.FunctionDef, ast.AsyncFunctionDef)) else scope
            stack.extend((child, inner) for child in ast.iter_child_nodes(current))
    return scopes.get(id(node), interp.tree)


def _bound_before(interp: Interpreter, scope: ast.AST, name: str, line: int) -> bool:
    """``name`` is a parameter of ``scope`` or assigned in it before ``line``."""
    if isinstance(scope, ast.FunctionDef) and name in [
        a.arg for a in scope.args.posonlyargs + scope.args.args
    ]:
        return True
    for node in ast.walk(scope):
        if (
            isinstance(node, ast.Name)
            and node.id == name
            and isinstance(node.ctx, ast.Store)
            and node.lineno < line
        ):
            if _scope(interp, node) is scope:
                return True
    return False


def _batch_in_place(
    interp: Interpreter, call: CallInfo, node: ast.AST, value: Any, shape: tuple, n_text: str | None
) -> Edit | None:
    """A state built with a fixed batch size (``h0 = torch.zeros(1, 32, 20)``): that assignment
    with the batch taken from the input (``torch.zeros(1, x.size(1), 20)``), when only the batch
    is wrong and the input exists where the state is built."""
    if not (
        isinstance(node, ast.Name)
        and isinstance(value, torch.Tensor)
        and value.dim() == 3
        and len(shape) == 3
        and n_text is not None
        and value.shape[0] == shape[0]
        and value.shape[2] == shape[2]
        and value.shape[1] != shape[1]
    ):
        return None
    scope = _scope(interp, call.node)
    define = _last_assignment(interp, call.node, node)
    if define is None:
        return None
    factory = _as_factory(_through_conversions(define.value))
    if factory is None or len(factory.args) != 3:
        return None
    x_root = _arg_node(call, 0, "input")
    while isinstance(x_root, ast.Attribute):
        x_root = x_root.value
    if isinstance(x_root, ast.Name) and not _bound_before(interp, scope, x_root.id, define.lineno):
        return None  # the input is made after the state: build the state next to the call instead
    return _replace(interp, (factory.args[1], n_text), *_no_random(interp, factory))


def _no_random(interp: Interpreter, factory: ast.Call) -> list[tuple[ast.AST, str]]:
    """A state the fix rebuilds starts from zeros: ``torch.randn`` there would give another output
    for the same input on every call (see the random_state warning)."""
    if isinstance(factory.func, ast.Attribute) and factory.func.attr in ("randn", "rand"):
        return [(factory.func, f"{_seg(interp, factory.func.value, 'torch')}.zeros")]
    return []


def _fix_states(interp: Interpreter, call: CallInfo, module: nn.Module) -> Fix | None:
    """Every state of the call that torch would refuse, rebuilt with the shape it expects.

    A state passed by a plain name is reassigned just before the call; any other expression is
    replaced where it stands in the call.
    """
    want = _expected_states(interp, call, module)
    hx, hx_node = _arg(call, 1, "hx"), _arg_node(call, 1, "hx")
    if want is None or hx is None or hx_node is None:
        return None

    def ok(value: Any, key: str) -> bool:
        return isinstance(value, torch.Tensor) and tuple(value.shape) == want[key][0]

    if not isinstance(module, nn.LSTM):
        shape, code = want["h"]
        in_place = _batch_in_place(interp, call, hx_node, hx, shape, want["n_text"])
        return _fix(in_place or _assign_or_replace(interp, hx_node, code, str(shape)))
    if not (isinstance(hx, (tuple, list)) and len(hx) == 2):
        return None
    if isinstance(hx_node, (ast.Tuple, ast.List)) and len(hx_node.elts) == 2:
        edits = []
        inserts: list[str] = []
        replaces: list[tuple[ast.AST, str]] = []
        for elt, value, key in zip(hx_node.elts, hx, ("h", "c"), strict=True):
            if ok(value, key):
                continue
            shape, code = want[key]
            in_place = _batch_in_place(interp, call, elt, value, shape, want["n_text"])
            if in_place is not None:
                edits.append(in_place)
            elif isinstance(elt, ast.Name):
                inserts.append(f"{elt.id} = {code}  # {shape}")
            else:
                replaces.append((elt, code))
        if inserts:
            edits.append(_insert(interp, hx_node, "\n".join(inserts)))
        if replaces:
            edits.append(_replace(interp, *replaces))
        return _fix(*edits)
    # the pair under one name, or built by an expression: rebuild the pair, keep its good half
    base = _atom(interp, hx_node, "hx")
    h = want["h"][1] if not ok(hx[0], "h") else f"{base}[0]"
    c = want["c"][1] if not ok(hx[1], "c") else f"{base}[1]"
    return _fix(_assign_or_replace(interp, hx_node, f"({h}, {c})"))


def _swap_in_place(interp: Interpreter, call: CallInfo, node: ast.AST, value: Any) -> Edit | None:
    """``h0 = torch.zeros(N, layers, H)`` -> ``torch.zeros(layers, N, H)`` where it is built: the
    state's last assignment in the call's scope, made by a factory with three size arguments."""
    if not (isinstance(node, ast.Name) and isinstance(value, torch.Tensor) and value.dim() == 3):
        return None
    factory = _factory_of(interp, call.node, node)  # a Name: what its last assignment built
    if factory is None or len(factory.args) != 3:
        return None
    first, second = factory.args[0], factory.args[1]
    swap = [(first, _seg(interp, second, "...")), (second, _seg(interp, first, "..."))]
    return _replace(interp, *swap, *_no_random(interp, factory))


def _fix_swapped_states(interp: Interpreter, call: CallInfo, module: nn.Module) -> Fix | None:
    """States built as (N, D*num_layers, H): their first two axes swapped where they are built, or
    (where they are not built in sight) transposed in the call. Only the states that are swapped."""
    want = _expected_states(interp, call, module)
    hx, hx_node = _arg(call, 1, "hx"), _arg_node(call, 1, "hx")
    if want is None or hx is None or hx_node is None:
        return None

    def swapped(value: Any, key: str) -> bool:
        if not isinstance(value, torch.Tensor) or value.dim() != 3:
            return False
        rows, n, width = want[key][0]
        return tuple(value.shape) == (n, rows, width)

    if isinstance(hx, torch.Tensor) and not isinstance(module, nn.LSTM):
        pairs = [(hx_node, hx, "h")]
    elif isinstance(hx_node, (ast.Tuple, ast.List)) and len(hx_node.elts) == 2 and isinstance(hx, tuple):
        pairs = list(zip(hx_node.elts, hx, ("h", "c"), strict=True))
    else:
        return None
    edits: list[Edit | None] = []
    replaces = []
    for node, value, key in pairs:
        if tuple(value.shape) == want[key][0]:
            continue
        if not swapped(value, key):
            return None
        edit = _swap_in_place(interp, call, node, value)
        if edit is not None:
            edits.append(edit)
        else:
            replaces.append((node, f"{_atom(interp, node, 'h0')}.transpose(0, 1).contiguous()"))
    if replaces:
        edits.append(_replace(interp, *replaces))
    return _fix(*edits)


def _fix_transpose_input(interp: Interpreter, call: CallInfo) -> Fix | None:
    """Batch-first data for a time-first module: the input transposed where the module is called."""
    x_node = _arg_node(call, 0, "input")
    if x_node is None:
        return None
    return _fix(_replace(interp, (x_node, f"{_atom(interp, x_node, 'x')}.transpose(0, 1)")))


def _fix_pair(interp: Interpreter, call: CallInfo, module: nn.Module) -> Fix | None:
    """An LSTM (or LSTMCell) given one state tensor: the pair (h, c) in its place."""
    hx, hx_node = _arg(call, 1, "hx"), _arg_node(call, 1, "hx")
    if not isinstance(hx, torch.Tensor) or hx_node is None:
        return None
    h = _atom(interp, hx_node, "h0")
    if isinstance(module, nn.LSTMCell):
        return _fix(_replace(interp, (hx_node, f"({h}, torch.zeros_like({h}))")))
    want = _expected_states(interp, call, module)
    if want is None:
        return None
    if tuple(hx.shape) != want["h"][0]:  # the tensor is no h_0 either: build both
        return _fix(_replace(interp, (hx_node, f"({want['h'][1]}, {want['c'][1]})")))
    if module.proj_size:  # c_0 is hidden_size wide, h_0 proj_size wide
        return _fix(_replace(interp, (hx_node, f"({h}, {want['c'][1]})")))
    return _fix(_replace(interp, (hx_node, f"({h}, torch.zeros_like({h}))")))


def _fix_input(interp: Interpreter, call: CallInfo, method: str, comment: str = "") -> Fix | None:
    """``x = x.<method>`` before the call when x is a plain name; else x.<method> in the call."""
    x_node = _arg_node(call, 0, "input")
    if x_node is None:
        return None
    return _fix(_assign_or_replace(interp, x_node, f"{_atom(interp, x_node, 'x')}.{method}", comment))


def _fix_cell_loop(interp: Interpreter, call: CallInfo, module: nn.Module, kind: str) -> Fix | None:
    """A Cell called on a whole sequence: the same statement as a loop over time."""
    stmt = _statement(interp, call.node)
    x = _arg(call, 0, "input")
    x_node = _arg_node(call, 0, "input")
    if stmt is None or x_node is None or not isinstance(x, torch.Tensor):
        return None
    names = ("h", "c") if kind == "LSTM" else ("h",)
    tail = []
    if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and stmt.value is call.node:
        target = stmt.targets[0]
        if isinstance(target, ast.Name) and kind != "LSTM":
            names = (target.id,)
        elif isinstance(target, (ast.Tuple, ast.List)) and kind == "LSTM" and len(target.elts) == 2:
            if not all(isinstance(e, ast.Name) for e in target.elts):
                return None
            names = tuple(e.id for e in target.elts)
        elif isinstance(target, ast.Name):
            tail = [f"{target.id} = ({names[0]}, {names[1]})"]
        else:
            return None
    elif isinstance(stmt, ast.Return) and stmt.value is call.node:
        tail = [f"return {', '.join(names)}"]
    elif not (isinstance(stmt, ast.Expr) and stmt.value is call.node):
        return None
    xs = _atom(interp, x_node, "x")
    mod = _seg(interp, call.node.func, "cell")
    width = module.hidden_size
    dtype = x.dtype if x.dtype.is_floating_point else None
    init = [f"{n} = {_zeros([f'{xs}.size(1)', width], dtype)}  # (N, {width})" for n in names]
    state = f"({names[0]}, {names[1]})" if kind == "LSTM" else names[0]
    loop = [f"for t in range({xs}.size(0)):", f"    {', '.join(names)} = {mod}({xs}[t], {state})"]
    first, last = _region(stmt)
    return _fix(Edit(first, last, "\n".join(init + loop + tail)))


def _fix_keyword(interp: Interpreter, call: CallInfo, name: str, value: str) -> Fix | None:
    """A function call with keyword ``name`` set to ``value``: replaced if present, else added."""
    node = call.node
    if not isinstance(node, ast.Call):
        return None
    existing = next((kw for kw in node.keywords if kw.arg == name), None)
    if existing is not None:
        return _fix(_replace(interp, (existing.value, value)))
    items = [*node.args, *(kw.value for kw in node.keywords)]
    if (
        not items
        or any(isinstance(a, ast.Starred) for a in node.args)
        or None in [kw.arg for kw in node.keywords]
    ):
        return None
    last = max(items, key=lambda a: (a.end_lineno, a.end_col_offset))
    return _fix(_replace(interp, (last, f"{_seg(interp, last, '')}, {name}={value}")))


# --- explanations -------------------------------------------------------------------------------


def explain(interp: Interpreter, err: UserError, lang: str) -> tuple[str, Fix | None]:
    """(explanation, fix or None) for the error the snippet raised."""
    msg = str(err)  # the exception's text as UserError kept it (shortened past MAX_SHOWN)
    call = err.call

    def say(key: str, **params: Any) -> str:
        return t(f"dbg.{key}", lang, **params)

    if call is not None and call.kind == "constructor" and isinstance(call.target, type):
        found = _explain_constructor(interp, call, msg, say)
        if found is not None:
            return found
    if err.reason == "backward_twice":
        return _explain_backward_twice(interp, err, call, say, lang)
    module = call.target if call is not None and isinstance(call.target, nn.Module) else None
    if module is not None and call.kind == "module" and err.reason == "state_dtype":
        return _explain_state_dtype(interp, call, module, lang, say)
    if module is not None and call.kind == "module":
        found = _explain_module_call(interp, call, module, msg, say, lang)
        if found is not None:
            text, fix = found
            if (
                isinstance(module, nn.LSTM)
                and isinstance(_arg(call, 0, "input"), rnn_utils.PackedSequence)
                and msg.startswith("Expected hidden[")
            ):
                text = join(lang, text, say("packed_lstm_note"))
            return text, fix
        found = _explain_module_more(interp, call, module, msg, say, lang)
        if found is not None:
            return found
    found = (
        _explain_view(interp, call, msg, say)
        or _explain_time_index(interp, err, call, msg, say, lang)
        or _explain_super_init(interp, err, say, lang)
    )
    if found is not None:
        return found

    if "must be sorted in decreasing order" in msg and call is not None and isinstance(call.node, ast.Call):
        return say("pack_sorted"), _fix_keyword(interp, call, "enforce_sorted", "False")
    m = re.search(
        r"Expected `len\(lengths\)` to be equal to batch_size, but got (\d+) \(batch_size=(\d+)\)", msg
    )
    if m:
        return say("pack_batch_first", n=m.group(1), batch=m.group(2)), _fix_pack_batch_first(
            interp, call, int(m.group(1))
        )
    if re.search(r"(too many|not enough) values to unpack", msg) and any(
        code == "gru_state_unpacked" and line == err.line for code, line, _ in interp.findings
    ):
        return say("unpack_gru"), _fix_state_unpack(interp, err.line)
    if isinstance(err.exc, NameError):
        m = re.fullmatch(r"name '(\w+)' is not defined", msg)
        if m and m.group(1) in IMPORTS:  # a module used under its usual name, never imported
            code = IMPORTS[m.group(1)]
            return say("name_import", error=msg, code=code), Fix((Edit(1, None, code),))
        return say("name", error=msg), None
    found = _explain_class_loss(interp, call, msg, say)
    if found is not None:
        return found
    shapes = ", ".join(_shape(a) for a in (call.args if call else ()) if isinstance(a, torch.Tensor))
    return say("generic", kind=type(err.exc).__name__, shapes=shapes or "—"), None


def _explain_constructor(interp: Interpreter, call: CallInfo, msg: str, say) -> tuple[str, Fix | None] | None:
    """The proj_size rules, checked when the module is built."""
    cls = call.target
    mod = _seg(interp, call.node.func if isinstance(call.node, ast.Call) else None, f"nn.{cls.__name__}")
    proj = _ctor_value(call, cls, "proj_size")
    hidden = _ctor_value(call, cls, "hidden_size")
    if "proj_size has to be smaller than hidden_size" in msg and isinstance(proj, int):
        fix = _rebuild(interp, call.node, cls, hidden_size=proj, proj_size=REMOVE)
        return say("proj_too_big", mod=mod, proj=proj, hidden=hidden), fix
    if "proj_size argument is only supported for LSTM" in msg:
        names = PARAMETERS.get(cls, [])
        if "proj_size" not in call.kwargs and "proj_size" not in names:
            return say("proj_not_lstm", mod=mod, kind=cls.__name__, proj=proj), None
        fix = _rebuild(interp, call.node, cls, proj_size=REMOVE)
        return say("proj_not_lstm", mod=mod, kind=cls.__name__, proj=proj), fix
    return None


def _explain_module_call(
    interp: Interpreter, call: CallInfo, module: nn.Module, msg: str, say, lang: str = "en"
) -> tuple[str, Fix | None] | None:
    mod_name = _seg(interp, call.node.func if isinstance(call.node, ast.Call) else None, "module")
    x = _arg(call, 0, "input")
    x_node = _arg_node(call, 0, "input")
    x_name = _seg(interp, x_node, "x")
    hx = _arg(call, 1, "hx")
    hx_node = _arg_node(call, 1, "hx")
    recurrent = isinstance(module, tuple(RNN_CLASSES.values()))

    m = re.search(r"input\.size\(-1\) must be equal to input_size\. Expected (\d+), got (\d+)", msg)
    if m and isinstance(x, torch.Tensor):
        expected, got = int(m.group(1)), int(m.group(2))
        prov = interp.origin(x)
        rebuild = _rebuild_module(interp, module, input_size=got)
        if x.dim() == 2 and expected == 1:
            fix = _fix_input(interp, call, "unsqueeze(-1)", str(tuple(x.shape) + (1,)))
            # 2-D input is one unbatched sequence (L, H_in) whatever batch_first says, so torch reads
            # the data's last axis as features: the batch of (L, N), the time of batch-first (N, L)
            key = "univariate_bf" if getattr(module, "batch_first", False) else "univariate"
            return say(key, x=x_name, shape=_shape(x), mod=mod_name, got=got), fix
        if (
            prov is not None
            and prov.kind == "output"
            and _D(prov.module) == 2
            and got == 2 * _H_out(prov.module)
        ):
            text = say(
                "after_bidir", x=x_name, got=got, H=_H_out(prov.module), mod=mod_name, expected=expected
            )
            return text, rebuild
        if prov is not None and prov.kind == "embedding":
            return say("embedding", x=x_name, got=got, expected=expected, mod=mod_name), rebuild
        text = say("input_size", x=x_name, shape=_shape(x), got=got, expected=expected, mod=mod_name)
        return text, rebuild

    m = re.search(r"Expected hidden(\[[01]\])? size \(([\d, ]+)\), got \[([\d, ]+)\]", msg)
    if m and recurrent:
        which = "c_0" if m.group(1) == "[1]" else "h_0"
        expected, got = _ints(m.group(2)), _ints(m.group(3))
        state_node = hx_node
        if isinstance(hx_node, (ast.Tuple, ast.List)) and len(hx_node.elts) == 2:
            state_node = hx_node.elts[1 if which == "c_0" else 0]
        name = _seg(interp, state_node, which)
        fix = _fix_states(interp, call, module)
        params = dict(name=name, which=which, expected=expected, got=got, mod=mod_name, x=x_name)
        width_letter = "H_cell" if which == "c_0" else "H_out"  # c is hidden_size wide, h proj_size
        batched_x = isinstance(x, torch.Tensor) and x.dim() == 3
        if (
            module.batch_first and batched_x and len(got) == 3 and (got[1], got[0], got[2]) == tuple(expected)
        ):  # built batch-first, as (N, D*num_layers, H_out): batch_first does not reach the states
            swapped = _fix_swapped_states(interp, call, module)
            return say(
                "hx_batch_first_swapped",
                H=width_letter,
                rows=expected[0],
                N=expected[1],
                D=_D(module),
                layers=module.num_layers,
                width=expected[2],
                **params,
            ), swapped or fix
        if (
            not module.batch_first
            and batched_x
            and len(expected) == len(got) == 3
            and expected[0] == got[0]
            and expected[2] == got[2]
            and got[1] == x.shape[0] != x.shape[1]
        ):  # the data is (N, L, H_in), and the state was built for its N: the module reads (L, N, H_in)
            text = say("data_batch_first", N=x.shape[0], L=x.shape[1], shape=_shape(x), **params)
            return text, _fix_transpose_input(interp, call)
        note = ""
        carried = _carried_state(interp, hx, which)
        if carried is not None:  # a real state: rebuilding it as zeros would throw it away
            fix = None
            key = "hx_carried_layers" if len(expected) == len(got) and expected[0] != got[0] else "hx_carried"
            note = say(key, name=name, line=carried.line, rows=expected[0])
        if len(expected) == len(got) and expected[0] != got[0]:
            text = say("hx_layers", D=_D(module), layers=module.num_layers, **params)
        elif len(expected) == 3 and len(got) == 3 and expected[1] != got[1]:
            bf_mixup = (
                module.batch_first and isinstance(x, torch.Tensor) and x.dim() == 3 and got[1] == x.shape[1]
            )
            key = "hx_batch_only" if carried is not None else "hx_batch_first" if bf_mixup else "hx_batch"
            text = say(key, **params)
        elif isinstance(module, nn.LSTM) and module.proj_size and which == "h_0":
            text = say("hx_proj", proj=module.proj_size, hidden=module.hidden_size, **params)
        else:
            text = say("hx_width", **params)
        return join(lang, text, note), fix

    m = re.search(r"input dtype \((torch\.\w+)\) does not match weight dtype \((torch\.\w+)\)", msg)
    if m:
        method = {"torch.float32": "float()", "torch.float64": "double()", "torch.float16": "half()"}.get(
            m.group(2), f"to({m.group(2)})"
        )
        fix = _fix_input(interp, call, method)
        if "int" in m.group(1) or "long" in m.group(1):
            return say("int_input", x=x_name, dtype=m.group(1), mod=mod_name), fix
        return say("dtype_input", x=x_name, dtype=m.group(1), wdtype=m.group(2)), fix
    if isinstance(module, nn.LSTM) and isinstance(hx, torch.Tensor):
        # one tensor where the pair (h_0, c_0) belongs: torch indexes it as if it were the pair,
        # and whatever fails first says nothing of the pair
        h_name = _seg(interp, hx_node, "h0")
        fix = _fix_pair(interp, call, module)
        if isinstance(x, rnn_utils.PackedSequence) and "invalid combination of arguments" in msg:
            return say("lstm_pair_packed", mod=mod_name, h=h_name), fix
        if "index 1 is out of bounds" in msg:
            rows = hx.shape[0] if hx.dim() else 0
            return say("lstm_single_state", mod=mod_name, h=h_name, shape=_shape(hx), rows=rows), fix
        return say("lstm_pair", mod=mod_name, h=h_name), fix
    if re.search(r"hx should also be|hx and cx should also be", msg) and recurrent:
        return say("hx_batched", mod=mod_name, x=x_name, shape=_shape(x)), _fix_states(interp, call, module)
    if "'tuple' object has no attribute" in msg and isinstance(module, (nn.GRU, nn.RNN)):
        if isinstance(hx_node, (ast.Tuple, ast.List)) and hx_node.elts:
            first = _seg(interp, hx_node.elts[0], "h0")
        else:
            first = f"{_atom(interp, hx_node, 'hx')}[0]"
        fix = _fix(_replace(interp, (hx_node, first))) if hx_node is not None else None
        return say("gru_tuple", mod=mod_name, kind=type(module).__name__), fix
    m = re.search(r"(RNN|LSTM|GRU)Cell: Expected input to be 1D or 2D, got (\d)D", msg)
    if m and isinstance(x, torch.Tensor) and x.dim() == 3:
        text = say("cell_sequence", mod=mod_name, x=x_name, shape=_shape(x), kind=m.group(1))
        return text, _fix_cell_loop(interp, call, module, m.group(1))
    if (
        isinstance(module, nn.LSTMCell)
        and isinstance(hx, torch.Tensor)
        and (("lstm_cell()" in msg and "must be tuple" in msg) or "Expected hx[0] to be 1D or 2D" in msg)
    ):
        return say("lstmcell_pair", mod=mod_name), _fix_pair(interp, call, module)
    m = re.search(r"mat1 and mat2 shapes cannot be multiplied \((\d+)x(\d+) and (\d+)x(\d+)\)", msg)
    if m and isinstance(module, nn.Linear):
        got = int(m.group(2))
        prov = interp.origin(x)
        fix = _rebuild_module(interp, module, in_features=got)
        from_bidir = (
            prov is not None and isinstance(prov.module, tuple(RNN_CLASSES.values())) and _D(prov.module) == 2
        )
        if (
            from_bidir
            and prov.kind == "derived"
            and got == _H_out(prov.module)
            and module.in_features == 2 * got
            and isinstance(x_node, ast.Subscript)
            and _is_minus_one(x_node.slice)
            and _simple(x_node.value)
        ):  # fc(h_n[-1]) with fc built for both directions: the last layer's two final states, joined
            base = _seg(interp, x_node.value, "h_n")
            dim = 1 if isinstance(x, torch.Tensor) and x.dim() == 2 else -1
            joined = f"torch.cat(({base}[-2], {base}[-1]), dim={dim})"
            text = say(
                "linear_hn_bidir",
                x=x_name,
                base=base,
                H=got,
                expected=module.in_features,
                mod=mod_name,
                dim=dim,
            )
            return text, _fix(_replace(interp, (x_node, joined)))
        key = "linear_bidir" if from_bidir and got == 2 * module.in_features else "linear"
        return say(key, x=x_name, got=got, expected=module.in_features, mod=mod_name), fix
    return None


CONVERSIONS = {torch.float32: "float()", torch.float64: "double()", torch.float16: "half()"}


def _explain_state_dtype(
    interp: Interpreter, call: CallInfo, module: nn.Module, lang: str, say
) -> tuple[str, Fix | None]:
    """h_0 (or c_0) in another dtype than the weights: each state that differs, converted."""
    mod_name = _seg(interp, call.node.func if isinstance(call.node, ast.Call) else None, "module")
    weight = module.weight_ih_l0 if hasattr(module, "weight_ih_l0") else module.weight_ih
    wdtype = weight.dtype
    method = CONVERSIONS.get(wdtype, f"to({_dtype_text(wdtype)})")
    hx, hx_node = _arg(call, 1, "hx"), _arg_node(call, 1, "hx")
    pair = isinstance(hx, (tuple, list))
    states = list(hx) if pair else [hx]
    labels = ("h_0", "c_0") if isinstance(module, (nn.LSTM, nn.LSTMCell)) else ("h_0",)
    names, wrong = [], []
    for i, state in enumerate(states):
        if isinstance(state, torch.Tensor) and state.dtype != wdtype:
            wrong.append(i)
            if isinstance(hx_node, (ast.Tuple, ast.List)) and len(hx_node.elts) == len(states):
                name = _seg(interp, hx_node.elts[i], labels[min(i, len(labels) - 1)])
            elif pair:
                name = f"{_atom(interp, hx_node, 'hx')}[{i}]"
            else:
                name = _seg(interp, hx_node, "h_0")
            names.append(say("state_is", name=name, dtype=_dtype_text(state.dtype)))
    text = say(
        "state_dtype",
        mod=mod_name,
        states=("，" if lang == "zh" else ", ").join(names),
        wdtype=_dtype_text(wdtype),
        method=method,
    )
    fix = None
    if hx_node is not None and wrong:
        if isinstance(hx_node, (ast.Tuple, ast.List)) and len(hx_node.elts) == len(states):
            inserts, replaces = [], []
            for i in wrong:
                elt = hx_node.elts[i]
                code = f"{_atom(interp, elt, 'h0')}.{method}"
                if isinstance(elt, ast.Name):
                    inserts.append(f"{elt.id} = {code}")
                else:
                    replaces.append((elt, code))
            edits = []
            if inserts:
                edits.append(_insert(interp, hx_node, "\n".join(inserts)))
            if replaces:
                edits.append(_replace(interp, *replaces))
            fix = _fix(*edits)
        elif pair:
            base = _atom(interp, hx_node, "hx")
            parts = [f"{base}[{i}]" + (f".{method}" if i in wrong else "") for i in range(len(states))]
            fix = _fix(_assign_or_replace(interp, hx_node, f"({', '.join(parts)})"))
        else:
            fix = _fix(_assign_or_replace(interp, hx_node, f"{_atom(interp, hx_node, 'h0')}.{method}"))
    return text, fix


def _carried_state(interp: Interpreter, hx: Any, which: str) -> Any:
    """Where the refused state came from, when it is a recurrent layer's own final state (or
    computed from one), not one the snippet built: the Provenance, else None."""
    state = hx
    if isinstance(hx, (tuple, list)) and hx:
        state = hx[1] if which == "c_0" and len(hx) > 1 else hx[0]
    prov = interp.origin(state) if isinstance(state, torch.Tensor) else None
    if prov is None or prov.kind not in ("states", "derived"):
        return None
    return prov if isinstance(prov.module, tuple(RNN_CLASSES.values())) else None


def _is_minus_one(node: ast.AST) -> bool:
    """The index ``-1`` as written (Python parses it as unary minus applied to 1)."""
    return (
        isinstance(node, ast.UnaryOp)
        and isinstance(node.op, ast.USub)
        and isinstance(node.operand, ast.Constant)
        and node.operand.value == 1
    ) or (isinstance(node, ast.Constant) and node.value == -1)


def _fix_pack_batch_first(interp: Interpreter, call: CallInfo | None, n: int) -> Fix | None:
    """pack_padded_sequence read the wrong axis as the batch: flip batch_first, if the other fits."""
    if call is None or not isinstance(call.node, ast.Call):
        return None
    x = _arg(call, 0, "input")
    if not isinstance(x, torch.Tensor) or x.dim() < 2:
        return None
    batch_first = bool(_arg(call, 2, "batch_first"))
    other = x.shape[1] if batch_first else x.shape[0]  # the axis that would be the batch after the flip
    if other != n or (len(call.node.args) > 2):
        return None
    return _fix_keyword(interp, call, "batch_first", str(not batch_first))


def _fix_state_unpack(interp: Interpreter, line: int) -> Fix | None:
    """``out, (h, c) = gru(x)`` -> ``out, h = gru(x)``: the pair replaced by its first name."""
    if interp.tree is None:
        return None
    for stmt in ast.walk(interp.tree):
        if isinstance(stmt, ast.Assign) and stmt.lineno <= line <= (stmt.end_lineno or line):
            for target in stmt.targets:
                if isinstance(target, (ast.Tuple, ast.List)) and len(target.elts) == 2:
                    inner = target.elts[1]
                    if isinstance(inner, (ast.Tuple, ast.List)) and inner.elts:
                        return _fix(_replace(interp, (inner, _seg(interp, inner.elts[0], "h"))))
    return None


def needs_torch_import(interp: Interpreter, fix: Fix) -> bool:
    """The fix writes ``torch.``, and the snippet never bound ``torch`` to the torch module."""
    bound = interp.globals.get("torch")
    return "torch." in fix.code and not (isinstance(bound, Namespace) and bound.name == "torch")


CLASS_LOSSES = (nn.CrossEntropyLoss, nn.NLLLoss)
# The names tutorials give torch's modules, and the import that binds each (a NameError on one
# of them is a missing import, not a variable to define).
IMPORTS = {
    "torch": "import torch",
    "nn": "import torch.nn as nn",
    "F": "import torch.nn.functional as F",
    "optim": "import torch.optim as optim",
    "rnn_utils": "import torch.nn.utils.rnn as rnn_utils",
    "pack_padded_sequence": "from torch.nn.utils.rnn import pack_padded_sequence",
    "pad_packed_sequence": "from torch.nn.utils.rnn import pad_packed_sequence",
    "pad_sequence": "from torch.nn.utils.rnn import pad_sequence",
}


def _explain_class_loss(
    interp: Interpreter, call: CallInfo | None, msg: str, say
) -> tuple[str, Fix | None] | None:
    """CrossEntropyLoss / NLLLoss: class scores (N, C) or (N, C, L) against class indices (N,) or (N, L)."""
    if call is None or not (
        (call.kind == "module" and isinstance(call.target, CLASS_LOSSES))
        or (call.kind == "function" and call.target in ("F.cross_entropy", "F.nll_loss"))
    ):
        return None
    pred, target = _arg(call, 0, "input"), _arg(call, 1, "target")
    if not (isinstance(pred, torch.Tensor) and isinstance(target, torch.Tensor)):
        return None
    pred_node, target_node = _arg_node(call, 0, "input"), _arg_node(call, 1, "target")
    names = {
        "loss": _seg(interp, call.node.func if isinstance(call.node, ast.Call) else None, "the loss"),
        "pred": _seg(interp, pred_node, "input"),
        "target": _seg(interp, target_node, "target"),
        "pred_shape": _shape(pred),
        "target_shape": _shape(target),
    }
    flatten = None
    if pred_node is not None and target_node is not None and pred.dim() >= 2:
        classes = pred.shape[-1]
        flatten = _fix(
            _replace(
                interp,
                (pred_node, f"{_atom(interp, pred_node, 'input')}.reshape(-1, {classes})"),
                (target_node, f"{_atom(interp, target_node, 'target')}.reshape(-1)"),
            )
        )
    if (
        msg.startswith("Expected target size")
        and pred.dim() == 3
        and target.dim() == 2
        and tuple(target.shape) == tuple(pred.shape[:2])
    ):
        # (N, L, C) scores against (N, L) targets: torch reads classes along dim 1
        return say("ce_sequence", C=pred.shape[-1], **names), flatten
    if "multi-target not supported" in msg and target.dim() == 2 and target.shape[-1] == 1:
        fix = None
        if target_node is not None:
            fix = _fix(_replace(interp, (target_node, f"{_atom(interp, target_node, 'target')}.squeeze(-1)")))
        return say("ce_target_column", N_hint=target.shape[0], **names), fix
    m = re.search(r"Expected input batch_size \((\d+)\) to match target batch_size \((\d+)\)", msg)
    if m:
        rows, labels = int(m.group(1)), int(m.group(2))
        fits = pred.dim() == 2 and target.numel() == rows and target.dim() >= 2
        return say("ce_batch", rows=rows, labels=labels, **names), flatten if fits else None
    return None


# --- cells, the input's axes, embeddings, packed output, .view, nn.Module's set-up ---------------

CELLS = tuple(CELL_CLASSES.values())


@dataclass(frozen=True)
class _Span:
    """A stretch of source between two parser positions (a factory's size arguments)."""

    lineno: int
    col_offset: int
    end_lineno: int
    end_col_offset: int


class _Code(str):
    """Code for ``_ctor_text`` (``vocab_size + 1``): written as it is, not as a literal."""

    def __repr__(self) -> str:
        return str(self)


def _edits(interp: Interpreter, changes: list[tuple[Any, str]]) -> Fix | None:
    """Expressions replaced by code, one Edit per statement they sit in; None if there are none."""
    groups: dict[int, list[tuple[Any, str]]] = {}
    for node, text in changes:
        stmt = _statement(interp, node)
        if stmt is None:
            return None
        groups.setdefault(id(stmt), []).append((node, text))
    return _fix(*(_replace(interp, *group) for group in groups.values()))


def _last_assignment(interp: Interpreter, call_node: ast.AST, node: ast.Name) -> ast.Assign | None:
    """The last plain assignment of ``node``'s name before it is used, in the call's scope."""
    scope = _scope(interp, call_node)
    defs = [
        a
        for a in ast.walk(scope)
        if isinstance(a, ast.Assign)
        and len(a.targets) == 1
        and isinstance(a.targets[0], ast.Name)
        and a.targets[0].id == node.id
        and a.end_lineno < node.lineno
        and _scope(interp, a) is scope
    ]
    return max(defs, key=lambda a: a.lineno) if defs else None


def _through_conversions(expr: ast.AST) -> ast.AST:
    """``torch.zeros(...).to(device).float()`` -> ``torch.zeros(...)``."""
    while isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) and expr.func.attr in CHAINED:
        expr = expr.func.value
    return expr


def _built_by(interp: Interpreter, call_node: ast.AST, node: ast.AST | None) -> ast.AST | None:
    """The expression that builds ``node``: the node itself, or what the last assignment of its
    name before the call (in the call's scope) assigned; conversions (``.to(device)``) looked through."""
    target = node
    if isinstance(node, ast.Name):
        define = _last_assignment(interp, call_node, node)
        if define is None:
            return None
        target = define.value
    return _through_conversions(target)


def _as_factory(expr: ast.AST | None) -> ast.Call | None:
    """``expr`` if it is a torch factory call with plain size arguments (``torch.zeros(4, 20)``)."""
    if (
        isinstance(expr, ast.Call)
        and isinstance(expr.func, ast.Attribute)
        and expr.func.attr in FACTORY_NAMES
        and expr.args
        and not any(isinstance(a, ast.Starred) for a in expr.args)
    ):
        return expr
    return None


def _factory_of(interp: Interpreter, call_node: ast.AST, node: ast.AST | None) -> ast.Call | None:
    """The torch factory call (``torch.zeros(4, 20)``) that builds ``node``, if one does."""
    return _as_factory(_built_by(interp, call_node, node))


def _dims(factory: ast.Call) -> list[ast.expr] | None:
    """The size arguments of a factory call, ``zeros(4, 20)`` or ``zeros((4, 20))``."""
    if len(factory.args) == 1 and isinstance(factory.args[0], (ast.Tuple, ast.List)):
        elts = factory.args[0].elts
        return list(elts) if elts and not any(isinstance(e, ast.Starred) for e in elts) else None
    return list(factory.args)


def _resized(interp: Interpreter, call_node: ast.AST, node: ast.AST | None, value: Any, make) -> Any:
    """The change that rebuilds a state where it is built: its factory's sizes replaced by
    ``make(size texts, factory line)``. None when the state is not built by a factory in sight."""
    factory = _factory_of(interp, call_node, node)
    dims = _dims(factory) if factory is not None else None
    if dims is None or not isinstance(value, torch.Tensor) or len(dims) != value.dim():
        return None
    span = _Span(dims[0].lineno, dims[0].col_offset, dims[-1].end_lineno, dims[-1].end_col_offset)
    return span, ", ".join(make([_seg(interp, d, "...") for d in dims], factory.lineno))


def _root_bound(interp: Interpreter, scope: ast.AST, expr: ast.AST, line: int) -> bool:
    """``expr`` (a name, or attributes of one) can be read on ``line``: its name is bound by then."""
    while isinstance(expr, ast.Attribute):
        expr = expr.value
    return isinstance(expr, ast.Name) and _bound_before(interp, scope, expr.id, line)


def _full_slice(node: ast.AST) -> bool:
    return isinstance(node, ast.Slice) and node.lower is None and node.upper is None and node.step is None


def _batch_code(interp: Interpreter, call: CallInfo, line: int) -> str:
    """The batch N of a cell's input as code that reads it where the state is built on ``line``:
    ``x.size(0)`` for ``cell(x, h)``, ``x.size(1)`` for ``cell(x[t], h)`` over (L, N, H_in) data; else
    the number."""
    x, x_node = _arg(call, 0, "input"), _arg_node(call, 0, "input")
    n = x.shape[0]
    scope = _scope(interp, call.node)
    if _simple(x_node) and _root_bound(interp, scope, x_node, line):
        return f"{_seg(interp, x_node, 'x')}.size(0)"
    if not (isinstance(x_node, ast.Subscript) and isinstance(x_node.value, ast.Name)):
        return str(n)
    whole = interp.globals.get(x_node.value.id)
    if scope is not interp.tree or not isinstance(whole, torch.Tensor) or whole.dim() != 3:
        return str(n)
    if not _root_bound(interp, scope, x_node.value, line):
        return str(n)
    index = x_node.slice
    base = x_node.value.id
    if not isinstance(index, (ast.Slice, ast.Tuple)) and whole.shape[1] == n:  # x[t] of (L, N, H_in)
        return f"{base}.size(1)"
    if (
        isinstance(index, ast.Tuple)
        and len(index.elts) == 2
        and _full_slice(index.elts[0])
        and not isinstance(index.elts[1], ast.Slice)
        and whole.shape[0] == n
    ):  # x[:, t] of (N, L, H_in)
        return f"{base}.size(0)"
    return str(n)


def _cell_states(interp: Interpreter, call: CallInfo) -> list[tuple[ast.AST | None, Any, str, str]]:
    """(node, value, label, name) of each state given to a cell: h, and c for an LSTMCell."""
    hx, hx_node = _arg(call, 1, "hx"), _arg_node(call, 1, "hx")
    if isinstance(hx, torch.Tensor):
        return [(hx_node, hx, "h", _seg(interp, hx_node, "h"))]
    if not isinstance(hx, (tuple, list)):
        return []
    labels = ("h", "c")
    if isinstance(hx_node, (ast.Tuple, ast.List)) and len(hx_node.elts) == len(hx):
        return [
            (elt, value, labels[min(i, 1)], _seg(interp, elt, labels[min(i, 1)]))
            for i, (elt, value) in enumerate(zip(hx_node.elts, hx, strict=True))
        ]
    base = _atom(interp, hx_node, "hx")
    return [(None, value, labels[min(i, 1)], f"{base}[{i}]") for i, value in enumerate(hx)]


def _carried_cell_state(interp: Interpreter, value: Any) -> Any:
    """The Provenance of a state that a cell (or a recurrent layer) returned, else None."""
    prov = interp.origin(value) if isinstance(value, torch.Tensor) else None
    if prov is None:
        return None
    if prov.kind == "cell" or (
        prov.kind in ("states", "derived") and isinstance(prov.module, tuple(RNN_CLASSES.values()))
    ):
        return prov
    return None


def _explain_cell(
    interp: Interpreter, call: CallInfo, module: nn.Module, msg: str, say, lang: str
) -> tuple[str, Fix | None] | None:
    """A cell's state: one tensor (N, hidden_size) for RNNCell/GRUCell, a pair for LSTMCell; the
    input's batch N and the state's must agree; no layer axis."""
    if not isinstance(module, CELLS):
        return None
    mod = _seg(interp, call.node.func if isinstance(call.node, ast.Call) else None, "cell")
    kind = type(module).__name__
    H = module.hidden_size
    x, x_node = _arg(call, 0, "input"), _arg_node(call, 0, "input")
    x_name = _seg(interp, x_node, "x")
    hx, hx_node = _arg(call, 1, "hx"), _arg_node(call, 1, "hx")
    if (
        re.search(r"'(tuple|list)' object has no attribute 'dim'", msg)
        and isinstance(hx, (tuple, list))
        and not isinstance(module, nn.LSTMCell)
    ):
        if isinstance(hx_node, (ast.Tuple, ast.List)) and hx_node.elts:
            first = _seg(interp, hx_node.elts[0], "h")
        else:
            first = f"{_atom(interp, hx_node, 'hx')}[0]"
        fix = _fix(_replace(interp, (hx_node, first))) if hx_node is not None else None
        return say("cell_tuple", mod=mod, kind=kind, H=H, n=len(hx)), fix
    m = re.search(r"input has inconsistent input_size: got (\d+),? expected (\d+)", msg)
    if m and isinstance(x, torch.Tensor):
        got, expected = int(m.group(1)), int(m.group(2))
        text = say("cell_input", mod=mod, x=x_name, shape=_shape(x), got=got, expected=expected)
        return text, _rebuild_module(interp, module, input_size=got)
    states = _cell_states(interp, call)
    if not isinstance(x, torch.Tensor) or not states:
        return None

    m = re.search(r"Input batch size (\d+) doesn't match hidden([01]) batch size (\d+)", msg)
    if m:
        n, label, got = int(m.group(1)), int(m.group(2)), int(m.group(3))
        _, value, which, name = states[min(label, len(states) - 1)]
        text = say(
            "cell_batch",
            mod=mod,
            kind=kind,
            x=x_name,
            shape=_shape(x),
            N=n,
            name=name,
            state=_shape(value),
            got=got,
            which=which,
            H=H,
        )
        carried = _carried_cell_state(interp, value)
        if carried is not None:  # the state the cell returned: rebuilding it as zeros would lose it
            return join(lang, text, say("cell_carried", name=name, line=carried.line, got=got)), None
        changes = []
        for node, value, _, _ in states:
            if isinstance(value, torch.Tensor) and value.dim() == 2 and value.shape[0] != n:
                change = _resized(
                    interp,
                    call.node,
                    node,
                    value,
                    lambda dims, line: [_batch_code(interp, call, line), dims[1]],
                )
                if change is None:
                    return text, None
                changes.append(change)
        return text, _edits(interp, changes)

    m = re.search(r"hidden([01]) has inconsistent hidden_size: got (\d+), expected (\d+)", msg)
    if m:
        label, got = int(m.group(1)), int(m.group(2))
        _, value, which, name = states[min(label, len(states) - 1)]
        tensors = [s[1] for s in states]
        if x.dim() == 1 and all(isinstance(s, torch.Tensor) and s.dim() == 2 for s in tensors):
            # one sample, a batched state: torch adds a batch axis to both, (1, 5) -> (1, 1, 5)
            text = say(
                "cell_unbatched",
                mod=mod,
                x=x_name,
                shape=_shape(x),
                name=name,
                state=_shape(value),
                got=got,
                H=H,
                which=which,
                batched=(1, *value.shape),
            )
            fix = None
            if all(s.shape[0] == 1 and s.shape[1] == H for s in tensors) and x_node is not None:
                fix = _fix(_replace(interp, (x_node, f"{_atom(interp, x_node, 'x')}.unsqueeze(0)")))
            return text, fix
        text = say(
            "cell_width", mod=mod, kind=kind, name=name, state=_shape(value), got=got, H=H, which=which
        )
        changes = []
        for node, value, _, _ in states:
            if isinstance(value, torch.Tensor) and value.dim() == 2 and value.shape[1] != H:
                change = _resized(interp, call.node, node, value, lambda dims, line: [dims[0], str(H)])
                if change is None:
                    return text, None
                changes.append(change)
        return text, _edits(interp, changes)

    m = re.search(r"Expected (?:hidden|hx\[([01])\]) to be 1D or 2D, got (\d+)D", msg)
    if m:
        _, value, which, name = states[min(int(m.group(1) or 0), len(states) - 1)]
        if not isinstance(value, torch.Tensor):
            return None
        n = value.shape[1] if value.dim() == 3 else (x.shape[0] if x.dim() == 2 else "N")
        text = say("cell_state_3d", mod=mod, kind=kind, name=name, state=_shape(value), N=n, H=H, which=which)
        changes = []
        for node, value, _, _ in states:
            if isinstance(value, torch.Tensor) and value.dim() == 3:
                change = None
                if value.shape[0] == 1:  # (1, N, H): drop the layer axis where the state is built
                    change = _resized(interp, call.node, node, value, lambda dims, line: dims[1:])
                if change is None:
                    return text, None
                changes.append(change)
        return text, _edits(interp, changes)
    return None


def _explain_input_dims(
    interp: Interpreter, call: CallInfo, module: nn.Module, msg: str, say, lang: str
) -> tuple[str, Fix | None] | None:
    """A recurrent layer given 4-D input (images) or 1-D input: the layout it reads, and the
    reshape that gives it, when the sizes make one obvious."""
    m = re.search(r"(RNN|LSTM|GRU): Expected input to be 2D or 3D, got (\d+)D", msg)
    x, x_node = _arg(call, 0, "input"), _arg_node(call, 0, "input")
    if not (m and isinstance(module, tuple(RNN_CLASSES.values())) and isinstance(x, torch.Tensor)):
        return None
    mod = _seg(interp, call.node.func if isinstance(call.node, ast.Call) else None, "module")
    n_in, bf = module.input_size, module.batch_first
    layout = "(N, L, H_in)" if bf else "(L, N, H_in)"
    x_name = _seg(interp, x_node, "x")
    xs = _atom(interp, x_node, "x")
    text = say("input_dims", mod=mod, layout=layout, I=n_in, x=x_name, k=x.dim(), shape=_shape(x))
    code = new = key = None
    params: dict[str, Any] = {}
    if x.dim() == 4:
        N, C, Hh, W = x.shape
        params = dict(N=N, C=C, H=Hh, W=W, CW=C * W, HW=Hh * W)
        if C == 1 and W == n_in and bf:
            code, new, key = f"{xs}.squeeze(1)", (N, Hh, W), "input_rows"
        elif C * W == n_in:
            code = f"{xs}.permute(0, 2, 1, 3).flatten(2)" if bf else f"{xs}.permute(2, 0, 1, 3).flatten(2)"
            new, key = ((N, Hh, C * W) if bf else (Hh, N, C * W)), "input_rows"
        elif C == n_in:
            code = f"{xs}.flatten(2).transpose(1, 2)" if bf else f"{xs}.flatten(2).permute(2, 0, 1)"
            new, key = ((N, Hh * W, C) if bf else (Hh * W, N, C)), "input_pixels"
        elif Hh == 1 and W == n_in and C > 1:
            code, new, key = f"{xs}.squeeze(2)", (N, C, W), "input_squeeze"
    elif x.dim() == 1:
        params = dict(L=x.shape[0])
        if n_in == 1:
            code, new, key = f"{xs}.unsqueeze(-1)", (x.shape[0], 1), "input_series"
        elif x.shape[0] == n_in:
            code, new, key = f"{xs}.unsqueeze(0)", (1, n_in), "input_one_step"
    if code is None or x_node is None:
        return join(lang, text, say("input_dims_none", layout=layout, I=n_in)), None
    sentence = say(key, x=x_name, code=code, new=new, layout=layout, I=n_in, **params)
    return join(lang, text, sentence), _fix(_replace(interp, (x_node, code)))


def _explain_embedding(
    interp: Interpreter, call: CallInfo, module: nn.Module, msg: str, say, lang: str
) -> tuple[str, Fix | None] | None:
    """nn.Embedding: ids must be integers (long or int) in 0 … num_embeddings − 1."""
    if not isinstance(module, nn.Embedding):
        return None
    x, x_node = _arg(call, 0, "input"), _arg_node(call, 0, "input")
    if not isinstance(x, torch.Tensor):
        return None
    mod = _seg(interp, call.node.func if isinstance(call.node, ast.Call) else None, "embedding")
    x_name = _seg(interp, x_node, "ids")
    n = module.num_embeddings
    params = dict(mod=mod, x=x_name, n=n, last=n - 1, shape=_shape(x))
    real = x.device.type != "meta" and x.numel() > 0
    if "index out of range in self" in msg and real and not x.is_floating_point():
        lo, hi = int(x.min()), int(x.max())
        if lo < 0:
            return say("emb_negative", lo=lo, **params), None
        if hi < n:
            return None
        value: Any = hi + 1
        info = interp.module_info(module)
        if info is not None and info.node is not None and hi == n:
            arg = info.node.args[0] if info.node.args else None
            if arg is None:
                arg = next((kw.value for kw in info.node.keywords if kw.arg == "num_embeddings"), None)
            if arg is not None and not isinstance(arg, ast.Constant):  # vocab_size -> vocab_size + 1
                value = _Code(f"{_atom(interp, arg, str(n))} + 1")
        return say("emb_range", hi=hi, need=hi + 1, **params), _rebuild_module(
            interp, module, num_embeddings=value
        )
    if "'indices' to have one of the following scalar types" not in msg:
        return None
    text = say("emb_float", dtype=_dtype_text(x.dtype), **params)
    long_fix = None
    if x_node is not None:
        long_fix = _fix(_replace(interp, (x_node, f"{_atom(interp, x_node, 'ids')}.long()")))
    if x.device.type != "meta":  # data written in the snippet: .long() only if they are ids
        v = x.double()
        ids = x.numel() == 0 or bool(
            torch.isfinite(v).all() and (v == v.round()).all() and v.min() >= 0 and v.max() < n
        )
        return (text, long_fix) if ids else (join(lang, text, say("emb_not_ids", **params)), None)
    built = _built_by(interp, call.node, x_node) if x_node is not None else None
    if (
        isinstance(built, ast.Call)
        and isinstance(built.func, ast.Attribute)
        and built.func.attr == "tensor"
        and built.args
    ):  # torch.tensor([[1., 2.]]): the numbers are in the source (on meta here, they are not)
        values = _literal_numbers(built.args[0])
        if values is not None:
            ids = all(v == int(v) and 0 <= v < n for v in values)
            return (text, long_fix) if ids else (join(lang, text, say("emb_not_ids", **params)), None)
        return text, None
    factory = _factory_of(interp, call.node, x_node) if x_node is not None else None
    name = factory.func.attr if factory is not None else None
    if name in ("randn", "rand", "empty"):
        dims = _dims(factory)
        if dims and len(dims) == x.dim():
            sizes = ", ".join(_seg(interp, d, "...") for d in dims) + ("," if len(dims) == 1 else "")
            code = f"torch.randint(0, {n}, ({sizes}))"
            # what .long() would make of them depends on the draw: randn gives negatives, rand all 0
            key = {"randn": "emb_random", "rand": "emb_rand", "empty": "emb_empty"}[name]
            return join(lang, text, say(key, fn=name, code=code, **params)), _fix(
                _replace(interp, (factory, code))
            )
    if name == "zeros" or (name == "ones" and n > 1):  # ids 0 (or 1): in range
        return text, long_fix
    return text, None  # float values no one has seen: .long() may give ids out of range


def _literal_numbers(node: ast.AST, limit: int = 10_000) -> list[float] | None:
    """The numbers of a nested list or tuple literal (``[[1.0, 2.0], [3.0, 4.0]]``), read from the
    source without evaluating anything; None for anything else or past ``limit`` numbers."""
    found: list[float] = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, (ast.List, ast.Tuple)):
            stack.extend(item.elts)
        elif isinstance(item, ast.UnaryOp) and isinstance(item.op, ast.USub):
            inner = _literal_numbers(item.operand, 1)
            if inner is None:
                return None
            found.append(-inner[0])
        elif (
            isinstance(item, ast.Constant)
            and isinstance(item.value, (int, float))
            and not isinstance(item.value, bool)
            and (isinstance(item.value, int) or math.isfinite(item.value))
        ):
            found.append(item.value)
        else:
            return None
        if len(found) > limit:
            return None
    return found


def _pad_packed_name(interp: Interpreter) -> str:
    """How the snippet can call pad_packed_sequence: its own import, else through nn or torch."""
    real = NAMESPACES["torch.nn.utils.rnn"].members["pad_packed_sequence"]
    for name, value in interp.globals.items():
        if value is real:
            return name
    for name, value in interp.globals.items():
        if isinstance(value, Namespace) and value.name == "torch.nn":
            return f"{name}.utils.rnn.pad_packed_sequence"
    return "torch.nn.utils.rnn.pad_packed_sequence"


def _explain_packed_input(
    interp: Interpreter, call: CallInfo, module: nn.Module, msg: str, say, lang: str
) -> tuple[str, Fix | None] | None:
    """A PackedSequence handed to a layer that takes tensors (nn.Linear): unpack it first."""
    x, x_node = _arg(call, 0, "input"), _arg_node(call, 0, "input")
    if not (isinstance(x, rnn_utils.PackedSequence) and "not PackedSequence" in msg):
        return None
    if isinstance(module, tuple(RNN_CLASSES.values())) or not isinstance(x.batch_sizes, torch.Tensor):
        return None
    prov = interp.origin(x)
    bf = bool(
        prov is not None and isinstance(prov.module, tuple(RNN_CLASSES.values())) and prov.module.batch_first
    )
    sizes = x.batch_sizes
    n, length = (int(sizes[0]), sizes.numel()) if sizes.numel() else (0, 0)
    width = x.data.shape[-1] if x.data.dim() else 0
    padded = (n, length, width) if bf else (length, n, width)
    mod = _seg(interp, call.node.func if isinstance(call.node, ast.Call) else None, "the layer")
    x_name = _seg(interp, x_node, "output")
    keyword = ", batch_first=True" if bf else ""
    code = f"{_pad_packed_name(interp)}({_atom(interp, x_node, 'output')}{keyword})[0]"
    rows = x.data.shape[0] if x.data.dim() else 0
    text = say(
        "packed_layer", mod=mod, x=x_name, rows=rows, width=width, code=code, padded=padded, N=n, L=length
    )
    # one vector per sequence: h_n[-1] is the top layer's last direction, which for a bidirectional
    # layer is the reverse one (it ends at t = 0 and is only H_out wide): join both directions
    bidir = (
        prov is not None
        and isinstance(prov.module, tuple(RNN_CLASSES.values()))
        and prov.module.bidirectional
    )
    if bidir:
        head = say("packed_head_bidir", H=_H_out(prov.module), width=2 * _H_out(prov.module))
    else:
        head = say("packed_head")
    text = join(lang, text, head)
    return text, _fix(_replace(interp, (x_node, code))) if x_node is not None else None


def _explain_view(interp: Interpreter, call: CallInfo | None, msg: str, say) -> tuple[str, Fix | None] | None:
    """``.view`` of a transposed (non-contiguous) tensor: ``.reshape`` copies where it must."""
    if not (
        call is not None
        and call.kind == "method"
        and call.target == "view"
        and msg.startswith("view size is not compatible with input tensor's size and stride")
        and call.args
        and isinstance(call.args[0], torch.Tensor)
        and isinstance(call.node, ast.Call)
        and isinstance(call.node.func, ast.Attribute)
    ):
        return None
    node = call.node
    x = _seg(interp, node.func.value, "x")
    args = ", ".join(_seg(interp, a, "...") for a in [*node.args, *node.keywords])
    text = say("view_contiguous", x=x, shape=_shape(call.args[0]), args=args)
    return text, _fix(_replace(interp, (node.func, f"{_atom(interp, node.func.value, 'x')}.reshape")))


def _explain_time_index(
    interp: Interpreter, err: UserError, call: CallInfo | None, msg: str, say, lang: str
) -> tuple[str, Fix | None] | None:
    """``cell(x[t], h)`` over batch-first data (N, L, H_in): x[t] is sample t, so the loop over the
    L steps runs out of samples; the step is x[:, t], and the state's batch is N."""
    m = re.fullmatch(r"index (\d+) is out of bounds for dimension 0 with size (\d+)", msg)
    if not (m and call is not None and call.kind == "index" and err.outer is not None and call.args):
        return None
    x, sub = call.args[0], call.node
    outer, func = err.outer
    if not (
        isinstance(x, torch.Tensor)
        and x.dim() == 3
        and isinstance(func, CELLS)
        and isinstance(sub, ast.Subscript)
        and isinstance(outer, ast.Call)
        and outer.args
        and outer.args[0] is sub
        and _simple(sub.value)
        and not isinstance(sub.slice, (ast.Slice, ast.Tuple, ast.Starred))
    ):
        return None
    idx, size = int(m.group(1)), int(m.group(2))
    N, L, F_in = x.shape
    if size != N or not (N <= idx < L):
        return None
    xs, t = _seg(interp, sub.value, "x"), _seg(interp, sub.slice, "t")
    params = dict(x=xs, t=t, shape=_shape(x), idx=idx, N=N, L=L, F=F_in, mod=_seg(interp, outer.func, "cell"))
    text = say("cell_time_index", **params)
    changes: list[tuple[Any, str]] = [(sub, f"{xs}[:, {t}]")]
    hx_node = outer.args[1] if len(outer.args) > 1 else None
    if hx_node is None:
        hx_node = next((kw.value for kw in outer.keywords if kw.arg == "hx"), None)
    if isinstance(hx_node, ast.Constant) and hx_node.value is None:
        hx_node = None
    nodes = hx_node.elts if isinstance(hx_node, (ast.Tuple, ast.List)) else [hx_node] if hx_node else []
    scope = _scope(interp, outer)
    for node in nodes:
        factory = _factory_of(interp, outer, node)
        dims = _dims(factory) if factory is not None else None
        if dims is None or len(dims) != 2:
            return join(lang, text, say("cell_time_state", **params)), None
        batch = f"{xs}.size(0)" if _root_bound(interp, scope, sub.value, factory.lineno) else str(N)
        changes.append((dims[0], batch))
    return join(lang, text, say("cell_time_state", **params) if nodes else ""), _edits(interp, changes)


def _explain_super_init(interp: Interpreter, err: UserError, say, lang: str) -> tuple[str, Fix | None] | None:
    """A module assigned in ``__init__`` before ``super().__init__()``: call it first."""
    if not (
        isinstance(err.exc, AttributeError)
        and str(err.exc) == "cannot assign module before Module.__init__() call"
        and interp.tree is not None
    ):
        return None
    cls = init = None
    for node in ast.walk(interp.tree):  # breadth first: the last match is the innermost
        if isinstance(node, ast.ClassDef) and node.lineno <= err.line <= (node.end_lineno or 0):
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and item.name == "__init__":
                    if item.lineno <= err.line <= (item.end_lineno or 0):
                        cls, init = node, item
    if init is None or not init.body:
        return None
    attr = "…"
    for stmt in ast.walk(init):
        if isinstance(stmt, (ast.Assign, ast.AnnAssign)) and stmt.lineno <= err.line <= (
            stmt.end_lineno or 0
        ):
            for target in _assign_targets(stmt):
                if isinstance(target, ast.Attribute):
                    attr = target.attr

    def is_super(stmt: ast.stmt) -> bool:
        call = stmt.value if isinstance(stmt, ast.Expr) else None
        return (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute)
            and call.func.attr == "__init__"
            and isinstance(call.func.value, ast.Call)
            and isinstance(call.func.value.func, ast.Name)
            and call.func.value.func.id == "super"
        )

    body = init.body
    docstring = isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)
    first = body[1] if docstring and len(body) > 1 else body[0]
    edits = [Edit(first.lineno, None, "super().__init__()")]
    text = say("super_init", cls=cls.name, attr=attr)
    late = next((s for s in body if is_super(s)), None)
    if late is not None:  # called, but after the assignment: move it up (a second call would reset)
        if any(s is not late and s.lineno == late.lineno for s in ast.walk(init) if isinstance(s, ast.stmt)):
            return text, None
        edits.append(Edit(late.lineno, late.end_lineno, ""))
        text = join(lang, text, say("super_init_late", line=late.lineno))
    return text, Fix(tuple(edits))


def _assign_targets(stmt: ast.stmt) -> list[ast.expr]:
    targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
    out: list[ast.expr] = []
    for target in targets:
        out.extend(target.elts if isinstance(target, (ast.Tuple, ast.List)) else [target])
    return out


def _explain_module_more(
    interp: Interpreter, call: CallInfo, module: nn.Module, msg: str, say, lang: str
) -> tuple[str, Fix | None] | None:
    """The module calls beyond ``_explain_module_call``: cells, the input's axes, embeddings, packed."""
    for explainer in (_explain_cell, _explain_input_dims, _explain_embedding, _explain_packed_input):
        found = explainer(interp, call, module, msg, say, lang)
        if found is not None:
            return found
    return None


def _maybe_none(interp: Interpreter, name: str) -> bool:
    """``name`` is somewhere set to None (``hidden = None``, ``def forward(self, x, hidden=None)``)."""
    for node in ast.walk(interp.tree) if interp.tree is not None else ():
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and node.value.value is None:
            if any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
                return True
        if isinstance(node, ast.FunctionDef):
            spec = node.args
            positional = spec.posonlyargs + spec.args
            defaulted = positional[len(positional) - len(spec.defaults) :]
            for arg, default in zip(defaulted, spec.defaults, strict=True):
                if arg.arg == name and isinstance(default, ast.Constant) and default.value is None:
                    return True
    return False


def _explain_backward_twice(
    interp: Interpreter, err: UserError, call: CallInfo | None, say, lang: str
) -> tuple[str, Fix | None]:
    """A second backward() through a graph an earlier one freed: a state carried over from the
    last iteration without .detach(). The fix detaches it where it is passed on."""
    loss = call.args[0] if call is not None and call.args else None
    func = call.node.func if call is not None and isinstance(call.node, ast.Call) else None
    name = _seg(interp, func.value if isinstance(func, ast.Attribute) else None, "loss")
    deps = interp.graph_of(loss) or frozenset()
    freed = sorted(interp.freed[n] for n in deps if n in interp.freed)
    first = freed[0] if freed else "?"
    carried = None  # the recurrent call that took a state hanging on the freed graph
    for n in sorted(deps):
        node = interp.graph_nodes[n]
        if node.carried and isinstance(node.call.target, (*RNN_CLASSES.values(), *CELL_CLASSES.values())):
            hx = _arg(node.call, 1, "hx")
            if hx is not None and (interp.graph_of(hx) or frozenset()).intersection(interp.freed):
                carried = node
                break
    if carried is None:
        text = say("backward_twice", loss=name, line=err.line, first=first)
        return join(lang, text, say("backward_twice_any")), None
    hx, hx_node = _arg(carried.call, 1, "hx"), _arg_node(carried.call, 1, "hx")
    mod = _seg(interp, carried.call.node.func if isinstance(carried.call.node, ast.Call) else None, "module")
    state = _seg(interp, hx_node, "hidden")
    names = hx_node.elts if isinstance(hx_node, (ast.Tuple, ast.List)) else []
    if names and all(isinstance(e, ast.Name) for e in names):  # lstm(x, (h, c))
        code = f"{', '.join(e.id for e in names)} = {', '.join(f'{e.id}.detach()' for e in names)}"
    elif isinstance(hx, (tuple, list)):
        code = f"{state} = tuple(s.detach() for s in {state})"
    else:
        code = f"{state} = {state}.detach()"
    text = say("backward_twice", loss=name, line=err.line, first=first)
    detail = say("backward_twice_state", state=state, mod=mod, call_line=carried.line, code=code)
    fix = None
    if isinstance(hx_node, ast.Name):
        guarded = f"if {state} is not None:\n    {code}" if _maybe_none(interp, state) else code
        fix = _fix(_insert(interp, hx_node, guarded))
    elif names and all(isinstance(e, ast.Name) for e in names) and len(names) == len(hx):
        if not any(_maybe_none(interp, e.id) for e in names):
            fix = _fix(_insert(interp, hx_node, code))
    return join(lang, text, detail), fix
