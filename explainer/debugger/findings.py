"""Silent mistakes explained: code that runs without an error but builds a wrong model.

The interpreter records each finding where it sees it (a module called, a tensor subscripted:
``Run.findings``) and every recurrent call (``Run.recurrent_calls``); this module
says each one in the user's names and, where one is known, gives the fix. A table maps a
finding's code to what its message needs and to the fix that rewrites the source.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import torch
from torch import nn

from explainer.debugger.fixes import (
    FACTORY_NAMES,
    PARAMETERS,
    Fix,
    _arg,
    _arg_node,
    _atom,
    _built_by,
    _Code,
    _ctor_text,
    _edits,
    _is_minus_one,
    _scope,
    _seg,
    _shape,
    placed,
)
from explainer.debugger.record import CallInfo, Run
from explainer.i18n import t


@dataclass(frozen=True)
class Finding:
    """A silent mistake: runs without error, gives a wrong model."""

    code: str
    line: int
    message: str
    fix: str | None = None  # the corrected line(s)
    fixed_source: str | None = None  # the whole snippet with the fix in place


Params = dict[str, Any]
Names = Callable[[Run, Params], Params]
Maker = Callable[[Run, Params], "Fix | None"]


def explain_findings(run: Run, lang: str) -> list[Finding]:
    """Every finding of the run, in the order seen, with its message in ``lang`` and its fix."""
    found = list(run.findings)
    seen = {(code, line) for code, line, _ in found}
    for code, line, params in _batch_first_by_name(run):
        if (code, line) not in seen:
            found.append((code, line, params))
    out = []
    for code, line, params in found:
        names, make_fix = RULES.get(code, (None, None))
        text_params = {k: v for k, v in params.items() if k != "at"}
        fix = None
        try:
            if names is not None:
                text_params.update(names(run, params))
            fix = make_fix(run, params) if make_fix is not None else None
        except Exception:  # noqa: BLE001 - a finding's fix must never cost the verdict
            fix = None
        message = t(f"dbg.w.{code}", lang, line=line, **text_params)
        out.append(Finding(code, line, message, *placed(run, fix)))
    return out


# --- a. h_n[-1] of a bidirectional layer given to a Linear ----------------------------------------


def _hn_last_names(run: Run, params: Params) -> Params:
    sub, _, call = params["at"]
    H = params["H"]
    return {
        "x": _seg(run, sub, "h_n[-1]"),
        "base": _seg(run, sub.value, "h_n"),
        "fc": _seg(run, call.func, "nn.Linear"),
        "width": 2 * H,
        "joined": _joined(run, sub),
    }


def _joined(run: Run, sub: ast.Subscript) -> str:
    base = _atom(run, sub.value, "h_n")
    return f"torch.cat(({base}[-2], {base}[-1]), dim=-1)"


def _hn_last_fix(run: Run, params: Params) -> Fix | None:
    """Both directions of the last layer joined, and the Linear built twice as wide."""
    sub, linear, _ = params["at"]
    info = run.module_info(linear)
    if info is None or not isinstance(info.node, ast.Call) or not _is_minus_one(sub.slice):
        return None
    width_node = info.node.args[0] if info.node.args else None
    if width_node is None:
        width_node = next((kw.value for kw in info.node.keywords if kw.arg == "in_features"), None)
    if width_node is None:
        return None
    width: Any = 2 * linear.in_features
    if not isinstance(width_node, ast.Constant):
        width = _Code(f"2 * {_atom(run, width_node, str(linear.in_features))}")
    ctor = _ctor_text(run, info.node, nn.Linear, {"in_features": width})
    if ctor is None:
        return None
    return _edits(run, [(sub, _joined(run, sub)), (info.node, ctor)])


# --- b. batch-first data given to a time-first layer ---------------------------------------------

BATCH_NAME = re.compile(r"(^|_)(batch|bs|bsz|n_?samples?)($|_)|^batch", re.IGNORECASE)
SEQ_NAME = re.compile(r"(^|_)(seq|sequence|len|length|steps?|time|timesteps?|window)($|_)|^seq", re.I)
SIZES = FACTORY_NAMES | {"view", "reshape"}


def _last_name(node: ast.AST) -> str:
    """``batch_size`` of ``batch_size``, ``self.batch_size``, ``args.batch_size``; else ''."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _sizes(expr: ast.AST | None) -> list[ast.expr] | None:
    """The size arguments of ``torch.randn(a, b, c)`` / ``x.view(a, b, c)`` (or of a tuple)."""
    if not (isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) and expr.func.attr in SIZES):
        return None
    args = expr.args
    if len(args) == 1 and isinstance(args[0], (ast.Tuple, ast.List)):
        args = args[0].elts
    return list(args) if not any(isinstance(a, ast.Starred) for a in args) else None


def _batch_first_by_name(run: Run) -> list[tuple[str, int, Params]]:
    """A time-first layer (batch_first=False) called on data its own code builds as (batch, seq,
    feature): ``torch.randn(batch_size, seq_len, input_size)``. Only the names say so, so only
    names that say it plainly count."""
    found = []
    for call in run.recurrent_calls:
        module, x, x_node = call.target, _arg(call, 0, "input"), _arg_node(call, 0, "input")
        if module.batch_first or not isinstance(x, torch.Tensor) or x.dim() != 3 or x_node is None:
            continue
        dims = _sizes(_built_by(run, call.node, x_node))
        if dims is None or len(dims) != 3:
            continue
        first, second = _last_name(dims[0]), _last_name(dims[1])
        if BATCH_NAME.search(first) and SEQ_NAME.search(second) and not SEQ_NAME.search(first):
            found.append(("batch_first_data", call.node.lineno, {"at": (call, dims)}))
    return found


def _batch_first_names(run: Run, params: Params) -> Params:
    call, dims = params["at"]
    x = _arg(call, 0, "input")
    return {
        "x": _seg(run, _arg_node(call, 0, "input"), "x"),
        "mod": _seg(run, call.node.func if isinstance(call.node, ast.Call) else None, "rnn"),
        "dims": ", ".join(_seg(run, d, "...") for d in dims),
        "shape": _shape(x),
        "N": x.shape[0],
        "L": x.shape[1],
    }


def _batch_first_fix(run: Run, params: Params) -> Fix | None:
    """batch_first=True where the layer is built; what read the old layout, changed with it: a
    state whose batch was read from the time axis (``x.size(1)``, ``seq_len``), and ``out[-1]``
    (now the last sample) on the layer's output, which becomes ``out[:, -1]``."""
    call, dims = params["at"]
    module = call.target
    info = run.module_info(module)
    if info is None or not isinstance(info.node, ast.Call):
        return None
    ctor = _ctor_text(run, info.node, info.cls, {"batch_first": True})
    if ctor is None or info.cls not in PARAMETERS:
        return None
    changes: list[tuple[Any, str]] = [(info.node, ctor)]
    x_node = _arg_node(call, 0, "input")
    x_text = _seg(run, x_node, "x")
    time_texts = {f"{x_text}.size(1)", f"{x_text}.shape[1]", _seg(run, dims[1], "")}
    hx_node = _arg_node(call, 1, "hx")
    states = hx_node.elts if isinstance(hx_node, (ast.Tuple, ast.List)) else [hx_node] if hx_node else []
    for state in states:
        built = _sizes(_built_by(run, call.node, state))
        if built is None or len(built) != 3:
            continue
        batch_text = _seg(run, built[1], "")
        if batch_text in time_texts:
            new = {
                f"{x_text}.size(1)": f"{x_text}.size(0)",
                f"{x_text}.shape[1]": f"{x_text}.shape[0]",
            }.get(batch_text, _seg(run, dims[0], ""))
            changes.append((built[1], new))
    changes += _last_step_reads(run, call)
    return _edits(run, changes)


def _last_step_reads(run: Run, call: CallInfo) -> list[tuple[Any, str]]:
    """``out[-1]`` after ``out, h = rnn(x)`` in the same scope: ``out[:, -1]`` once batch comes first."""
    stmt = next(
        (
            s
            for s in ast.walk(_scope(run, call.node))
            if isinstance(s, ast.Assign) and s.value is call.node and len(s.targets) == 1
        ),
        None,
    )
    target = stmt.targets[0] if stmt is not None else None
    if not (isinstance(target, ast.Tuple) and target.elts and isinstance(target.elts[0], ast.Name)):
        return []
    name = target.elts[0].id
    scope = _scope(run, call.node)
    changes = []
    for node in ast.walk(scope):
        if (
            isinstance(node, ast.Subscript)
            and isinstance(node.value, ast.Name)
            and node.value.id == name
            and node.lineno > stmt.lineno
            and _is_minus_one(node.slice)
            and _scope(run, node) is scope
        ):
            changes.append((node, f"{name}[:, -1]"))
    return changes


# --- c. output.view(L, N, 2, H)[-1]: the reverse direction read at the wrong end ------------------


def _view_base(run: Run, sub: ast.Subscript) -> ast.AST | None:
    """``out`` of ``out.view(L, N, 2, H)[-1]``, or of ``o[-1]`` after ``o = out.view(...)``."""
    expr: ast.AST | None = sub.value
    if isinstance(expr, ast.Name):
        expr = _built_by(run, sub, expr)
    func = expr.func if isinstance(expr, ast.Call) else None
    if isinstance(func, ast.Attribute) and func.attr in ("view", "reshape"):
        return func.value
    return None


def _view_parts(sub: ast.Subscript, time: int) -> tuple[bool, bool] | None:
    """(whole: both directions wanted, reverse: only the reverse one) from the index as written;
    None for an index the fix does not rewrite."""
    elts = list(sub.slice.elts) if isinstance(sub.slice, ast.Tuple) else [sub.slice]

    def full(e: ast.AST) -> bool:
        return isinstance(e, ast.Slice) and e.lower is None and e.upper is None and e.step is None

    if len(elts) < time + 1 or not all(full(e) for e in elts[:time]) or not _is_minus_one(elts[time]):
        return None
    if len(elts) > 3 or (time == 0 and len(elts) > 1 and not full(elts[1])):
        return None
    if len(elts) < 3 or full(elts[2]):  # the direction axis, 2 in either layout
        return True, False
    d = elts[2]
    if _is_minus_one(d) or (isinstance(d, ast.Constant) and d.value == 1):
        return False, True
    return None


def _view_good(run: Run, params: Params) -> str | None:
    sub = params["at"]
    base = _view_base(run, sub)
    parts = _view_parts(sub, params["time"])
    if base is None or parts is None:
        return None
    out, H = _atom(run, base, "output"), params["H"]
    last, first = ("-1, :", "0, :") if params["time"] == 0 else (":, -1", ":, 0")
    whole, _ = parts
    if whole:
        return f"torch.stack(({out}[{last}, :{H}], {out}[{first}, {H}:]), dim=1)"
    return f"{out}[{first}, {H}:]"


def _view_names(run: Run, params: Params) -> Params:
    good = _view_good(run, params)
    return {"expr": _seg(run, params["at"], "output[-1]"), "good": good or "h_n"}


def _view_fix(run: Run, params: Params) -> Fix | None:
    good = _view_good(run, params)
    return _edits(run, [(params["at"], good)]) if good else None


# code -> (the message's names from the user's code, the fix)
RULES: dict[str, tuple[Names, Maker]] = {
    "bidir_hn_last": (_hn_last_names, _hn_last_fix),
    "batch_first_data": (_batch_first_names, _batch_first_fix),
    "bidir_view_last_step": (_view_names, _view_fix),
}
