"""Turn torch's message into the user's terms: their names, their numbers, the rule, a fix."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from typing import Any

import torch
from torch import nn

from explainer.debugger.interp import RNN_CLASSES, CallInfo, Interpreter, UserError
from explainer.messages import t


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


def _shape(x: Any) -> str:
    return str(tuple(x.shape)) if isinstance(x, torch.Tensor) else type(x).__name__


def _rebuild(interp: Interpreter, module: nn.Module, **changes: Any) -> str:
    """The user's constructor call with some arguments changed, as code."""
    info = interp.module_info(module)
    if info is None:
        return f"nn.{type(module).__name__}(...)"
    rnn_args = ["input_size", "hidden_size", "num_layers", "bias", "batch_first", "dropout", "bidirectional"]
    names = {
        nn.RNN: [*rnn_args[:3], "nonlinearity", *rnn_args[3:]],
        nn.LSTM: [*rnn_args, "proj_size"],
        nn.GRU: rnn_args,
        nn.Linear: ["in_features", "out_features", "bias"],
        nn.Embedding: ["num_embeddings", "embedding_dim"],
    }.get(info.cls, [])
    args = list(info.args)
    kwargs = dict(info.kwargs)
    for key, value in changes.items():
        if key in names and names.index(key) < len(args):
            args[names.index(key)] = value
        else:
            kwargs[key] = value
    parts = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
    return f"nn.{info.cls.__name__}({', '.join(parts)})"


def _H_out(module: nn.Module) -> int:
    return getattr(module, "proj_size", 0) or module.hidden_size


def _D(module: nn.Module) -> int:
    return 2 if getattr(module, "bidirectional", False) else 1


def _ints(text: str) -> tuple[int, ...]:
    return tuple(int(v) for v in re.findall(r"\d+", text))


def _fix_both_states(
    interp: Interpreter, module: nn.Module, call: CallInfo, x_name: str, which: str, fix: str
) -> str:
    """torch reports h_0 first; when c_0 is wrong too, the fix corrects both."""
    hx = call.args[1] if len(call.args) > 1 else None
    hx_node = _arg_node(call, 1, "hx")
    if not (
        isinstance(module, nn.LSTM)
        and isinstance(hx, tuple)
        and len(hx) == 2
        and which == "h_0"
        and isinstance(hx_node, ast.Tuple)
        and isinstance(hx[1], torch.Tensor)
    ):
        return fix
    x = call.args[0]
    batched = isinstance(x, torch.Tensor) and x.dim() == 3
    batch_axis = 0 if module.batch_first else 1
    rows = _D(module) * module.num_layers
    expected_c = (rows, x.shape[batch_axis], module.hidden_size) if batched else (rows, module.hidden_size)
    if tuple(hx[1].shape) == expected_c:
        return fix
    c_name = _seg(interp, hx_node.elts[1], "c0")
    c_shape = (
        f"{rows}, {x_name}.size({batch_axis}), {module.hidden_size}"
        if batched
        else f"{rows}, {module.hidden_size}"
    )
    return f"{fix}\n{c_name} = torch.zeros({c_shape})  # {expected_c}"


SIMPLE_NAME = re.compile(r"^[A-Za-z_][\w.]*$")


def _define(interp: Interpreter, module: nn.Module, mod_name: str, code: str) -> Fix | None:
    """Rebuild the module where it was built: only when that line reads ``name = nn.X(...)``."""
    info = interp.module_info(module)
    if info is None or not SIMPLE_NAME.match(mod_name):
        return None
    line = interp.source.splitlines()[info.line - 1]
    if not re.match(rf"\s*{re.escape(mod_name)}\s*=", line):
        return None
    return Fix(code, "define", mod_name, info.line)


@dataclass(frozen=True)
class Fix:
    """Corrected code and where it goes: before the failing line, instead of it, or instead of
    the line that defined ``name`` (a module built with the wrong size)."""

    code: str
    how: str  # 'insert', 'replace' or 'define'
    name: str | None = None
    line: int | None = None  # for 'define': the line that built the module


def _line_with(interp: Interpreter, err: UserError, node: ast.AST | None, replacement: str) -> Fix | None:
    """The failing line with one expression (as written) replaced."""
    if node is None:
        return None
    segment = _seg(interp, node, "")
    line = interp.source.splitlines()[err.line - 1]
    if not segment or segment not in line:
        return None
    return Fix(line.strip().replace(segment, replacement, 1), "replace")


def explain(interp: Interpreter, err: UserError, lang: str) -> tuple[str, Fix | None]:
    """(explanation, fix or None) for the error the snippet raised."""
    msg = str(err.exc)
    call = err.call
    module = call.target if call is not None and isinstance(call.target, nn.Module) else None

    def say(key: str, **params: Any) -> str:
        return t(f"dbg.{key}", lang, **params)

    if module is not None and call.kind == "module":
        mod_name = _seg(interp, call.node.func if isinstance(call.node, ast.Call) else None, "module")
        x = call.args[0] if call.args else None
        x_name = _seg(interp, _arg_node(call, 0), "x")
        hx_node = _arg_node(call, 1, "hx")

        m = re.search(r"input\.size\(-1\) must be equal to input_size\. Expected (\d+), got (\d+)", msg)
        if m and isinstance(x, torch.Tensor):
            expected, got = int(m.group(1)), int(m.group(2))
            prov = interp.origin(x)
            rebuild = _define(
                interp, module, mod_name, f"{mod_name} = {_rebuild(interp, module, input_size=got)}"
            )
            if x.dim() == 2 and expected == 1:
                fix = Fix(f"{x_name} = {x_name}.unsqueeze(-1)  # {tuple(x.shape) + (1,)}", "insert")
                return say("univariate", x=x_name, shape=_shape(x), mod=mod_name), fix
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
        if m and isinstance(module, tuple(RNN_CLASSES.values())):
            which = "c_0" if m.group(1) == "[1]" else "h_0"
            expected, got = _ints(m.group(2)), _ints(m.group(3))
            state_node = hx_node
            if isinstance(hx_node, ast.Tuple) and len(hx_node.elts) == 2:
                state_node = hx_node.elts[1 if which == "c_0" else 0]
            name = _seg(interp, state_node, which)
            batch_axis = 0 if module.batch_first else 1
            if len(expected) == 3:
                fix_shape = f"{expected[0]}, {x_name}.size({batch_axis}), {expected[-1]}"
            else:
                fix_shape = ", ".join(map(str, expected))
            code = _fix_both_states(
                interp, module, call, x_name, which, f"{name} = torch.zeros({fix_shape})  # {expected}"
            )
            fix = Fix(code, "insert")
            params = dict(name=name, which=which, expected=expected, got=got, mod=mod_name, x=x_name)
            if len(expected) == len(got) and expected[0] != got[0]:
                return say("hx_layers", D=_D(module), layers=module.num_layers, **params), fix
            if len(expected) == 3 and len(got) == 3 and expected[1] != got[1]:
                bf_mixup = (
                    module.batch_first
                    and isinstance(x, torch.Tensor)
                    and x.dim() == 3
                    and got[1] == x.shape[1]
                )
                return say("hx_batch_first" if bf_mixup else "hx_batch", **params), fix
            if isinstance(module, nn.LSTM) and module.proj_size and which == "h_0":
                return say("hx_proj", proj=module.proj_size, hidden=module.hidden_size, **params), fix
            return say("hx_width", **params), fix

        if (
            "hx and cx should also be" in msg
            and isinstance(module, nn.LSTM)
            and len(call.args) > 1
            and isinstance(call.args[1], torch.Tensor)
        ):
            h_name = _seg(interp, hx_node, "h0")
            fix = _line_with(interp, err, hx_node, f"({h_name}, torch.zeros_like({h_name}))")
            return say("lstm_pair", mod=mod_name, h=h_name), fix
        if re.search(r"hx should also be|hx and cx should also be", msg):
            return say("hx_batched", mod=mod_name, x=x_name, shape=_shape(x)), None
        if "'tuple' object has no attribute" in msg and isinstance(module, (nn.GRU, nn.RNN)):
            first = (
                _seg(interp, hx_node.elts[0], "h0")
                if isinstance(hx_node, ast.Tuple) and hx_node.elts
                else "h0"
            )
            fix = _line_with(interp, err, hx_node, first)
            return say("gru_tuple", mod=mod_name, kind=type(module).__name__), fix
        m = re.search(r"input dtype \((torch\.\w+)\) does not match weight dtype \((torch\.\w+)\)", msg)
        if m:
            fix = Fix(f"{x_name} = {x_name}.float()", "insert")
            if "int" in m.group(1) or "long" in m.group(1):
                return say("int_input", x=x_name, dtype=m.group(1), mod=mod_name), fix
            return say("dtype_input", x=x_name, dtype=m.group(1), wdtype=m.group(2)), fix
        m = re.search(r"(RNN|LSTM|GRU)Cell: Expected input to be 1D or 2D, got (\d)D", msg)
        if m and isinstance(x, torch.Tensor) and x.dim() == 3:
            width = module.hidden_size
            if m.group(1) == "LSTM":
                code = (
                    f"h = torch.zeros({x_name}.size(1), {width})\n"
                    f"c = torch.zeros({x_name}.size(1), {width})\n"
                    f"for t in range({x_name}.size(0)):\n    h, c = {mod_name}({x_name}[t], (h, c))"
                )
            else:
                code = (
                    f"h = torch.zeros({x_name}.size(1), {width})\n"
                    f"for t in range({x_name}.size(0)):\n    h = {mod_name}({x_name}[t], h)"
                )
            text = say("cell_sequence", mod=mod_name, x=x_name, shape=_shape(x), kind=m.group(1))
            return text, Fix(code, "replace")
        if "lstm_cell()" in msg and "must be tuple" in msg:
            h_name = _seg(interp, hx_node, "h")
            return say("lstmcell_pair", mod=mod_name), _line_with(
                interp, err, hx_node, f"({h_name}, torch.zeros_like({h_name}))"
            )
        m = re.search(r"mat1 and mat2 shapes cannot be multiplied \((\d+)x(\d+) and (\d+)x(\d+)\)", msg)
        if m and isinstance(module, nn.Linear):
            got = int(m.group(2))
            prov = interp.origin(x)
            fix = _define(
                interp, module, mod_name, f"{mod_name} = {_rebuild(interp, module, in_features=got)}"
            )
            from_bidir = prov is not None and prov.module is not None and _D(prov.module) == 2
            key = "linear_bidir" if got == 2 * module.in_features or from_bidir else "linear"
            return say(key, x=x_name, got=got, expected=module.in_features, mod=mod_name), fix

    if "must be sorted in decreasing order" in msg and call is not None and isinstance(call.node, ast.Call):
        segment = _seg(interp, call.node, "")
        if "enforce_sorted" in segment:
            fixed_call = re.sub(r"enforce_sorted\s*=\s*\w+", "enforce_sorted=False", segment)
        else:
            fixed_call = segment[:-1] + ", enforce_sorted=False)"
        fix = _line_with(interp, err, call.node, fixed_call) if segment else None
        return say("pack_sorted"), fix
    m = re.search(
        r"Expected `len\(lengths\)` to be equal to batch_size, but got (\d+) \(batch_size=(\d+)\)", msg
    )
    if m:
        return say("pack_batch_first", n=m.group(1), batch=m.group(2)), None
    if re.search(r"(too many|not enough) values to unpack", msg) and any(
        code == "gru_state_unpacked" and line == err.line for code, line, _ in interp.findings
    ):
        line = interp.source.splitlines()[err.line - 1].strip()
        fixed = re.sub(r"\(\s*(\w+)\s*,\s*\w+\s*\)\s*=", r"\1 =", line, count=1)
        return say("unpack_gru"), Fix(fixed, "replace") if fixed != line else None
    if isinstance(err.exc, NameError):
        return say("name", error=msg), None
    shapes = ", ".join(_shape(a) for a in (call.args if call else ()) if isinstance(a, torch.Tensor))
    return say("generic", kind=type(err.exc).__name__, shapes=shapes or "—"), None


def apply_fix(interp: Interpreter, fix: Fix, err: UserError) -> str:
    """The whole snippet with the fix in place, indented like the line it joins.

    'insert' goes before the statement that failed (its first line, for a call spread over
    several lines); 'replace' replaces the failing line; 'define' replaces the module's line.
    """
    lines = interp.source.splitlines()
    if fix.how == "define" and fix.line is not None:
        at, replace = fix.line - 1, True
    elif fix.how == "replace":
        at, replace = err.line - 1, True
    else:
        at, replace = (err.stmt_line or err.line) - 1, False
    indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
    lines[at : at + replace] = [indent + ln for ln in fix.code.splitlines()]
    return "\n".join(lines) + "\n"
