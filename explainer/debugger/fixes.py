"""The fix editor: how a fix rewrites the user's own source.

A fix is a set of edits of the user's own source at the parser's positions: an assignment
inserted before the failing statement (only when what it assigns to is a plain name), or one
whole expression of a statement replaced by another (an argument, a constructor call). Nothing
is found by searching the text, so ``h`` never matches inside ``h2``; the caller parses every
fixed source again before offering it.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from typing import Any

import torch
from torch import nn
from torch.nn.utils import rnn as rnn_utils

from explainer.debugger.namespaces import NAMESPACES
from explainer.debugger.record import CallInfo, Run
from explainer.debugger.values import Namespace

# --- edits at source positions ------------------------------------------------------------------


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


def _statement(run: Run, node: ast.AST | None) -> ast.stmt | None:
    """The innermost statement of the snippet that holds ``node``."""
    if node is None or run.tree is None or not hasattr(node, "end_lineno"):
        return None
    best = None
    for stmt in ast.walk(run.tree):
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


def _replace(run: Run, *changes: tuple[ast.AST, str]) -> Edit | None:
    """The statement holding these expressions, each replaced (whole, by position) with new code."""
    stmt = _statement(run, changes[0][0])
    if stmt is None or any(_statement(run, node) is not stmt for node, _ in changes[1:]):
        return None
    first, last = _region(stmt)
    if any(node.end_lineno > last for node, _ in changes):
        return None
    pos = _Positions(run.source)
    base = pos.starts[first - 1]
    text = "".join(pos.lines[first - 1 : last])
    for node, new in sorted(changes, key=lambda c: (c[0].lineno, c[0].col_offset), reverse=True):
        a = pos.index(node.lineno, node.col_offset) - base
        b = pos.index(node.end_lineno, node.end_col_offset) - base
        text = text[:a] + new + text[b:]
    return Edit(first, last, _dedent(text.rstrip("\r\n").replace("\r\n", "\n").replace("\r", "\n")))


def _insert(run: Run, before: ast.AST | None, code: str) -> Edit | None:
    """Code that goes just before the statement holding ``before``."""
    stmt = _statement(run, before)
    return Edit(stmt.lineno, None, code) if stmt is not None else None


def _assign_or_replace(run: Run, node: ast.AST | None, value: str, comment: str = "") -> Edit | None:
    """``name = value`` before the statement when ``node`` is a plain name; else the expression
    itself replaced by ``value`` (``make(3) = ...`` is not code)."""
    if node is None:
        return None
    if isinstance(node, ast.Name):
        return _insert(run, node, f"{node.id} = {value}{'  # ' + comment if comment else ''}")
    return _replace(run, (node, value))


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


def _seg(run: Run, node: ast.AST | None, default: str) -> str:
    if node is None:
        return default
    return ast.get_source_segment(run.source, node) or default


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


def _atom(run: Run, node: ast.AST | None, default: str) -> str:
    """The expression as written, in parentheses where a method call on it needs them."""
    text = _seg(run, node, default)
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


def _ctor_text(run: Run, node: ast.Call, cls: type, changes: dict[str, Any]) -> str | None:
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
            parts.append(_seg(run, arg, "..."))
    for kw in node.keywords:
        if kw.arg is None:
            return None
        if kw.arg in changes:
            done.add(kw.arg)
            if changes[kw.arg] is not REMOVE:
                parts.append(f"{kw.arg}={changes[kw.arg]!r}")
        else:
            parts.append(f"{kw.arg}={_seg(run, kw.value, '...')}")
    for name, value in changes.items():
        if name not in done:
            if value is REMOVE:
                return None  # not found: nothing to drop
            parts.append(f"{name}={value!r}")
    return f"{_seg(run, node.func, 'nn.' + cls.__name__)}({', '.join(parts)})"


def _rebuild(run: Run, node: ast.Call | None, cls: type, **changes: Any) -> Fix | None:
    """Rebuild a module where it was built: its constructor call, replaced in place."""
    if not isinstance(node, ast.Call):
        return None
    text = _ctor_text(run, node, cls, changes)
    return _fix(_replace(run, (node, text))) if text else None


def _rebuild_module(run: Run, module: nn.Module, **changes: Any) -> Fix | None:
    info = run.module_info(module)
    return _rebuild(run, info.node, info.cls, **changes) if info is not None else None


# --- fixes of the states ------------------------------------------------------------------------


def _zeros(dims: list[Any], dtype: torch.dtype | None) -> str:
    extra = f", dtype={_dtype_text(dtype)}" if dtype is not None and dtype != torch.float32 else ""
    return f"torch.zeros({', '.join(str(d) for d in dims)}{extra})"


def _expected_states(run: Run, call: CallInfo, module: nn.Module) -> dict | None:
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
        n_text = f"{_atom(run, x_node, 'x')}.size({axis})" if batched and _simple(x_node) else str(n)
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


def _scope(run: Run, node: ast.AST) -> ast.AST:
    """The innermost function (or the module) whose body holds ``node``; one walk per snippet."""
    scopes = getattr(run, "scopes", None)
    if scopes is None:
        scopes = run.scopes = {}
        stack: list[tuple[ast.AST, ast.AST]] = [(run.tree, run.tree)]
        while stack:
            current, scope = stack.pop()
            scopes[id(current)] = scope
            inner = current if isinstance(current, (ast.FunctionDef, ast.AsyncFunctionDef)) else scope
            stack.extend((child, inner) for child in ast.iter_child_nodes(current))
    return scopes.get(id(node), run.tree)


def _bound_before(run: Run, scope: ast.AST, name: str, line: int) -> bool:
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
            if _scope(run, node) is scope:
                return True
    return False


def _batch_in_place(
    run: Run, call: CallInfo, node: ast.AST, value: Any, shape: tuple, n_text: str | None
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
    scope = _scope(run, call.node)
    define = _last_assignment(run, call.node, node)
    if define is None:
        return None
    factory = _as_factory(_through_conversions(define.value))
    if factory is None or len(factory.args) != 3:
        return None
    x_root = _arg_node(call, 0, "input")
    while isinstance(x_root, ast.Attribute):
        x_root = x_root.value
    if isinstance(x_root, ast.Name) and not _bound_before(run, scope, x_root.id, define.lineno):
        return None  # the input is made after the state: build the state next to the call instead
    return _replace(run, (factory.args[1], n_text), *_no_random(run, factory))


def _no_random(run: Run, factory: ast.Call) -> list[tuple[ast.AST, str]]:
    """A state the fix rebuilds starts from zeros: ``torch.randn`` there would give another output
    for the same input on every call (see the random_state warning)."""
    if isinstance(factory.func, ast.Attribute) and factory.func.attr in ("randn", "rand"):
        return [(factory.func, f"{_seg(run, factory.func.value, 'torch')}.zeros")]
    return []


def _computed(run: Run, value: Any) -> bool:
    """A state the model computed (an encoder's final state, a latent through a Linear), not one the
    snippet built: it carries what the model has read or learned, so no fix may rebuild it as zeros."""
    states = value if isinstance(value, (tuple, list)) else (value,)
    for state in states:
        if not isinstance(state, torch.Tensor):
            continue
        prov = run.origin(state)
        if state.requires_grad and state.grad_fn is not None:
            return True
        if prov is not None and prov.kind in ("states", "derived", "output", "cell"):
            return True
    return False


def _fix_states(run: Run, call: CallInfo, module: nn.Module) -> Fix | None:
    """Every state of the call that torch would refuse, rebuilt with the shape it expects.

    A state passed by a plain name is reassigned just before the call; any other expression is
    replaced where it stands in the call.
    """
    want = _expected_states(run, call, module)
    hx, hx_node = _arg(call, 1, "hx"), _arg_node(call, 1, "hx")
    if want is None or hx is None or hx_node is None:
        return None

    def ok(value: Any, key: str) -> bool:
        return isinstance(value, torch.Tensor) and tuple(value.shape) == want[key][0]

    parts = hx if isinstance(hx, (tuple, list)) else (hx,)
    if any(_computed(run, v) and not ok(v, k) for v, k in zip(parts, ("h", "c"), strict=False)):
        return None  # the model's own state: rebuilding it as zeros would throw it away
    if not isinstance(module, nn.LSTM):
        shape, code = want["h"]
        in_place = _batch_in_place(run, call, hx_node, hx, shape, want["n_text"])
        return _fix(in_place or _assign_or_replace(run, hx_node, code, str(shape)))
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
            in_place = _batch_in_place(run, call, elt, value, shape, want["n_text"])
            if in_place is not None:
                edits.append(in_place)
            elif isinstance(elt, ast.Name):
                inserts.append(f"{elt.id} = {code}  # {shape}")
            else:
                replaces.append((elt, code))
        if inserts:
            edits.append(_insert(run, hx_node, "\n".join(inserts)))
        if replaces:
            edits.append(_replace(run, *replaces))
        return _fix(*edits)
    # the pair under one name, or built by an expression: rebuild the pair, keep its good half
    base = _atom(run, hx_node, "hx")
    h = want["h"][1] if not ok(hx[0], "h") else f"{base}[0]"
    c = want["c"][1] if not ok(hx[1], "c") else f"{base}[1]"
    return _fix(_assign_or_replace(run, hx_node, f"({h}, {c})"))


def _swap_in_place(run: Run, call: CallInfo, node: ast.AST, value: Any) -> Edit | None:
    """``h0 = torch.zeros(N, layers, H)`` -> ``torch.zeros(layers, N, H)`` where it is built: the
    state's last assignment in the call's scope, made by a factory with three size arguments."""
    if not (isinstance(node, ast.Name) and isinstance(value, torch.Tensor) and value.dim() == 3):
        return None
    factory = _factory_of(run, call.node, node)  # a Name: what its last assignment built
    if factory is None or len(factory.args) != 3:
        return None
    first, second = factory.args[0], factory.args[1]
    swap = [(first, _seg(run, second, "...")), (second, _seg(run, first, "..."))]
    return _replace(run, *swap, *_no_random(run, factory))


def _fix_swapped_states(run: Run, call: CallInfo, module: nn.Module) -> Fix | None:
    """States built as (N, D*num_layers, H): their first two axes swapped where they are built, or
    (where they are not built in sight) transposed in the call. Only the states that are swapped."""
    want = _expected_states(run, call, module)
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
        edit = _swap_in_place(run, call, node, value)
        if edit is not None:
            edits.append(edit)
        else:
            replaces.append((node, f"{_atom(run, node, 'h0')}.transpose(0, 1).contiguous()"))
    if replaces:
        edits.append(_replace(run, *replaces))
    return _fix(*edits)


def _fix_transpose_input(run: Run, call: CallInfo) -> Fix | None:
    """Batch-first data for a time-first module: the input transposed where the module is called."""
    x_node = _arg_node(call, 0, "input")
    if x_node is None:
        return None
    return _fix(_replace(run, (x_node, f"{_atom(run, x_node, 'x')}.transpose(0, 1)")))


def _fix_pair(run: Run, call: CallInfo, module: nn.Module) -> Fix | None:
    """An LSTM (or LSTMCell) given one state tensor: the pair (h, c) in its place."""
    hx, hx_node = _arg(call, 1, "hx"), _arg_node(call, 1, "hx")
    if not isinstance(hx, torch.Tensor) or hx_node is None:
        return None
    h = _atom(run, hx_node, "h0")
    if isinstance(module, nn.LSTMCell):
        return _fix(_replace(run, (hx_node, f"({h}, torch.zeros_like({h}))")))
    want = _expected_states(run, call, module)
    if want is None:
        return None
    if tuple(hx.shape) != want["h"][0]:  # the tensor is no h_0 either: build both
        if _computed(run, hx):
            return None
        return _fix(_replace(run, (hx_node, f"({want['h'][1]}, {want['c'][1]})")))
    if module.proj_size:  # c_0 is hidden_size wide, h_0 proj_size wide
        return _fix(_replace(run, (hx_node, f"({h}, {want['c'][1]})")))
    return _fix(_replace(run, (hx_node, f"({h}, torch.zeros_like({h}))")))


def _fix_input(run: Run, call: CallInfo, method: str, comment: str = "") -> Fix | None:
    """``x = x.<method>`` before the call when x is a plain name; else x.<method> in the call."""
    x_node = _arg_node(call, 0, "input")
    if x_node is None:
        return None
    return _fix(_assign_or_replace(run, x_node, f"{_atom(run, x_node, 'x')}.{method}", comment))


def _fix_cell_loop(run: Run, call: CallInfo, module: nn.Module, kind: str) -> Fix | None:
    """A Cell called on a whole sequence: the same statement as a loop over time."""
    stmt = _statement(run, call.node)
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
    xs = _atom(run, x_node, "x")
    mod = _seg(run, call.node.func, "cell")
    width = module.hidden_size
    dtype = x.dtype if x.dtype.is_floating_point else None
    init = [f"{n} = {_zeros([f'{xs}.size(1)', width], dtype)}  # (N, {width})" for n in names]
    state = f"({names[0]}, {names[1]})" if kind == "LSTM" else names[0]
    loop = [f"for t in range({xs}.size(0)):", f"    {', '.join(names)} = {mod}({xs}[t], {state})"]
    first, last = _region(stmt)
    return _fix(Edit(first, last, "\n".join(init + loop + tail)))


def _fix_keyword(run: Run, call: CallInfo, name: str, value: str) -> Fix | None:
    """A function call with keyword ``name`` set to ``value``: replaced if present, else added."""
    node = call.node
    if not isinstance(node, ast.Call):
        return None
    existing = next((kw for kw in node.keywords if kw.arg == name), None)
    if existing is not None:
        return _fix(_replace(run, (existing.value, value)))
    items = [*node.args, *(kw.value for kw in node.keywords)]
    if (
        not items
        or any(isinstance(a, ast.Starred) for a in node.args)
        or None in [kw.arg for kw in node.keywords]
    ):
        return None
    last = max(items, key=lambda a: (a.end_lineno, a.end_col_offset))
    return _fix(_replace(run, (last, f"{_seg(run, last, '')}, {name}={value}")))


# --- more fixes, and the imports a missing name wants -------------------------------------------


def _is_minus_one(node: ast.AST) -> bool:
    """The index ``-1`` as written (Python parses it as unary minus applied to 1)."""
    return (
        isinstance(node, ast.UnaryOp)
        and isinstance(node.op, ast.USub)
        and isinstance(node.operand, ast.Constant)
        and node.operand.value == 1
    ) or (isinstance(node, ast.Constant) and node.value == -1)


def _fix_pack_batch_first(run: Run, call: CallInfo | None, n: int) -> Fix | None:
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
    return _fix_keyword(run, call, "batch_first", str(not batch_first))


def _fix_state_unpack(run: Run, line: int) -> Fix | None:
    """``out, (h, c) = gru(x)`` -> ``out, h = gru(x)``: the pair replaced by its first name."""
    if run.tree is None:
        return None
    for stmt in ast.walk(run.tree):
        if isinstance(stmt, ast.Assign) and stmt.lineno <= line <= (stmt.end_lineno or line):
            for target in stmt.targets:
                if isinstance(target, (ast.Tuple, ast.List)) and len(target.elts) == 2:
                    inner = target.elts[1]
                    if isinstance(inner, (ast.Tuple, ast.List)) and inner.elts:
                        return _fix(_replace(run, (inner, _seg(run, inner.elts[0], "h"))))
    return None


def needs_torch_import(run: Run, fix: Fix) -> bool:
    """The fix writes ``torch.``, and the snippet never bound ``torch`` to the torch module."""
    bound = run.globals.get("torch")
    return "torch." in fix.code and not (isinstance(bound, Namespace) and bound.name == "torch")


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


# --- a state rebuilt where it is built ----------------------------------------------------------


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


def _edits(run: Run, changes: list[tuple[Any, str]]) -> Fix | None:
    """Expressions replaced by code, one Edit per statement they sit in; None if there are none."""
    groups: dict[int, list[tuple[Any, str]]] = {}
    for node, text in changes:
        stmt = _statement(run, node)
        if stmt is None:
            return None
        groups.setdefault(id(stmt), []).append((node, text))
    return _fix(*(_replace(run, *group) for group in groups.values()))


def _last_assignment(run: Run, call_node: ast.AST, node: ast.Name) -> ast.Assign | None:
    """The last plain assignment of ``node``'s name before it is used, in the call's scope."""
    scope = _scope(run, call_node)
    defs = [
        a
        for a in ast.walk(scope)
        if isinstance(a, ast.Assign)
        and len(a.targets) == 1
        and isinstance(a.targets[0], ast.Name)
        and a.targets[0].id == node.id
        and a.end_lineno < node.lineno
        and _scope(run, a) is scope
    ]
    return max(defs, key=lambda a: a.lineno) if defs else None


def _through_conversions(expr: ast.AST) -> ast.AST:
    """``torch.zeros(...).to(device).float()`` -> ``torch.zeros(...)``."""
    while isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) and expr.func.attr in CHAINED:
        expr = expr.func.value
    return expr


def _built_by(run: Run, call_node: ast.AST, node: ast.AST | None) -> ast.AST | None:
    """The expression that builds ``node``: the node itself, or what the last assignment of its
    name before the call (in the call's scope) assigned; conversions (``.to(device)``) looked through."""
    target = node
    if isinstance(node, ast.Name):
        define = _last_assignment(run, call_node, node)
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


def _factory_of(run: Run, call_node: ast.AST, node: ast.AST | None) -> ast.Call | None:
    """The torch factory call (``torch.zeros(4, 20)``) that builds ``node``, if one does."""
    return _as_factory(_built_by(run, call_node, node))


def _dims(factory: ast.Call) -> list[ast.expr] | None:
    """The size arguments of a factory call, ``zeros(4, 20)`` or ``zeros((4, 20))``."""
    if len(factory.args) == 1 and isinstance(factory.args[0], (ast.Tuple, ast.List)):
        elts = factory.args[0].elts
        return list(elts) if elts and not any(isinstance(e, ast.Starred) for e in elts) else None
    return list(factory.args)


def _resized(run: Run, call_node: ast.AST, node: ast.AST | None, value: Any, make) -> Any:
    """The change that rebuilds a state where it is built: its factory's sizes replaced by
    ``make(size texts, factory line)``. None when the state is not built by a factory in sight."""
    factory = _factory_of(run, call_node, node)
    dims = _dims(factory) if factory is not None else None
    if dims is None or not isinstance(value, torch.Tensor) or len(dims) != value.dim():
        return None
    span = _Span(dims[0].lineno, dims[0].col_offset, dims[-1].end_lineno, dims[-1].end_col_offset)
    return span, ", ".join(make([_seg(run, d, "...") for d in dims], factory.lineno))


def _root_bound(run: Run, scope: ast.AST, expr: ast.AST, line: int) -> bool:
    """``expr`` (a name, or attributes of one) can be read on ``line``: its name is bound by then."""
    while isinstance(expr, ast.Attribute):
        expr = expr.value
    return isinstance(expr, ast.Name) and _bound_before(run, scope, expr.id, line)


def _full_slice(node: ast.AST) -> bool:
    return isinstance(node, ast.Slice) and node.lower is None and node.upper is None and node.step is None


def _batch_code(run: Run, call: CallInfo, line: int) -> str:
    """The batch N of a cell's input as code that reads it where the state is built on ``line``:
    ``x.size(0)`` for ``cell(x, h)``, ``x.size(1)`` for ``cell(x[t], h)`` over (L, N, H_in) data; else
    the number."""
    x, x_node = _arg(call, 0, "input"), _arg_node(call, 0, "input")
    n = x.shape[0]
    scope = _scope(run, call.node)
    if _simple(x_node) and _root_bound(run, scope, x_node, line):
        return f"{_seg(run, x_node, 'x')}.size(0)"
    if not (isinstance(x_node, ast.Subscript) and isinstance(x_node.value, ast.Name)):
        return str(n)
    whole = run.globals.get(x_node.value.id)
    if scope is not run.tree or not isinstance(whole, torch.Tensor) or whole.dim() != 3:
        return str(n)
    if not _root_bound(run, scope, x_node.value, line):
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


def _pad_packed_name(run: Run) -> str:
    """How the snippet can call pad_packed_sequence: its own import, else through nn or torch."""
    real = NAMESPACES["torch.nn.utils.rnn"].members["pad_packed_sequence"]
    for name, value in run.globals.items():
        if value is real:
            return name
    for name, value in run.globals.items():
        if isinstance(value, Namespace) and value.name == "torch.nn":
            return f"{name}.utils.rnn.pad_packed_sequence"
    return "torch.nn.utils.rnn.pad_packed_sequence"


def placed(run: Run, fix: Fix | None) -> tuple[str | None, str | None]:
    """(the fix's lines, the whole fixed source), only when the fixed source parses."""
    if fix is None:
        return None, None
    if needs_torch_import(run, fix):
        fix = Fix((Edit(1, None, "import torch"), *fix.edits))
    try:
        fixed = apply_fix(run.source, fix)
        ast.parse(fixed)
    except (SyntaxError, ValueError, IndexError, RecursionError, MemoryError):
        return None, None
    return fix.code, fixed
