"""Torch's errors in the user's terms: their names, their numbers, the rule, a fix.

``explain`` reads the failing call and torch's message and tries ``RULES`` in order, a table of
(torch's message pattern -> handler); the first handler that explains the case gives the
explanation and a fix (built by ``explainer.debugger.fixes``).
"""

from __future__ import annotations

import ast
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import torch
from torch import nn
from torch.nn.utils import rnn as rnn_utils

from explainer.debugger.errors import UserError
from explainer.debugger.fixes import (
    _D,
    IMPORTS,
    PARAMETERS,
    REMOVE,
    Edit,
    Fix,
    _arg,
    _arg_node,
    _assign_or_replace,
    _atom,
    _batch_code,
    _built_by,
    _Code,
    _computed,
    _ctor_value,
    _dims,
    _dtype_text,
    _edits,
    _factory_of,
    _fix,
    _fix_cell_loop,
    _fix_input,
    _fix_keyword,
    _fix_pack_batch_first,
    _fix_pair,
    _fix_state_unpack,
    _fix_states,
    _fix_swapped_states,
    _fix_transpose_input,
    _H_out,
    _insert,
    _ints,
    _is_minus_one,
    _pad_packed_name,
    _rebuild,
    _rebuild_module,
    _replace,
    _resized,
    _root_bound,
    _scope,
    _seg,
    _shape,
    _simple,
)
from explainer.debugger.meta import CELL_CLASSES, RNN_CLASSES
from explainer.debugger.record import CallInfo, Run
from explainer.i18n import join, t

# --- explanations -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Failure:
    """What every rule reads: the run, the error, its failing call, torch's words, the language."""

    run: Run
    err: UserError
    call: CallInfo | None
    msg: str  # the exception's text as UserError kept it (shortened past MAX_SHOWN)
    lang: str

    def say(self, key: str, **params: Any) -> str:
        return t(f"dbg.{key}", self.lang, **params)

    @property
    def module(self) -> nn.Module | None:
        """The module whose call failed, if a module's call failed."""
        call = self.call
        if call is not None and call.kind == "module" and isinstance(call.target, nn.Module):
            return call.target
        return None


Explained = tuple[str, "Fix | None"]


@dataclass(frozen=True)
class Rule:
    """torch's message (a pattern searched in it; None: any) -> the handler that explains it.

    ``when`` narrows a rule to a kind of failure (a module's call, a reason the checker found); the
    handler returns None when the case is not its own, and the next rule is tried.
    """

    pattern: re.Pattern | None
    handle: Callable[[Failure, re.Match | None], Explained | None]
    when: Callable[[Failure], bool] = lambda f: True


def explain(run: Run, err: UserError, lang: str) -> tuple[str, Fix | None]:
    """(explanation, fix or None) for the error the snippet raised: the first rule that explains it."""
    failure = Failure(run, err, err.call, str(err), lang)
    for rule in RULES:
        match = rule.pattern.search(failure.msg) if rule.pattern is not None else None
        if (rule.pattern is None or match) and rule.when(failure):
            found = rule.handle(failure, match)
            if found is not None:
                return found
    call = failure.call
    shapes = ", ".join(_shape(a) for a in (call.args if call else ()) if isinstance(a, torch.Tensor))
    return failure.say("generic", kind=type(err.exc).__name__, shapes=shapes or "—"), None


def _module_call(f: Failure, _: re.Match | None) -> Explained | None:
    found = _explain_module_call(f.run, f.call, f.module, f.msg, f.say, f.lang)
    if found is None:
        return None
    text, fix = found
    if (
        isinstance(f.module, nn.LSTM)
        and isinstance(_arg(f.call, 0, "input"), rnn_utils.PackedSequence)
        and f.msg.startswith("Expected hidden[")
    ):
        text = join(f.lang, text, f.say("packed_lstm_note"))
    return text, fix


def _pack_sorted(f: Failure, _: re.Match | None) -> Explained | None:
    if f.call is None or not isinstance(f.call.node, ast.Call):
        return None
    return f.say("pack_sorted"), _fix_keyword(f.run, f.call, "enforce_sorted", "False")


def _pack_batch_first(f: Failure, m: re.Match | None) -> Explained | None:
    fix = _fix_pack_batch_first(f.run, f.call, int(m.group(1)))
    return f.say("pack_batch_first", n=m.group(1), batch=m.group(2)), fix


def _unpack_gru(f: Failure, _: re.Match | None) -> Explained | None:
    if not any(code == "gru_state_unpacked" and line == f.err.line for code, line, _ in f.run.findings):
        return None
    return f.say("unpack_gru"), _fix_state_unpack(f.run, f.err.line)


def _name(f: Failure, _: re.Match | None) -> Explained | None:
    m = re.fullmatch(r"name '(\w+)' is not defined", f.msg)
    if m and m.group(1) in IMPORTS:  # a module used under its usual name, never imported
        code = IMPORTS[m.group(1)]
        return f.say("name_import", error=f.msg, code=code), Fix((Edit(1, None, code),))
    return f.say("name", error=f.msg), None


def _is_module_call(f: Failure) -> bool:
    return f.module is not None


# In order: the first rule whose pattern and kind fit, and whose handler explains the case, wins.
RULES: tuple[Rule, ...] = (
    Rule(
        None,
        lambda f, _: _explain_constructor(f.run, f.call, f.msg, f.say),
        when=lambda f: (
            f.call is not None and f.call.kind == "constructor" and isinstance(f.call.target, type)
        ),
    ),
    Rule(
        None,
        lambda f, _: _explain_backward_twice(f.run, f.err, f.call, f.say, f.lang),
        when=lambda f: f.err.reason == "backward_twice",
    ),
    Rule(
        None,
        lambda f, _: _explain_inplace_version(f.run, f.err, f.call, f.say, f.lang),
        when=lambda f: f.err.reason == "inplace_version",
    ),
    Rule(
        None,
        lambda f, _: _explain_state_dtype(f.run, f.call, f.module, f.lang, f.say),
        when=lambda f: _is_module_call(f) and f.err.reason == "state_dtype",
    ),
    Rule(None, _module_call, when=_is_module_call),
    Rule(
        None,
        lambda f, _: _explain_module_more(f.run, f.call, f.module, f.msg, f.say, f.lang),
        when=_is_module_call,
    ),
    Rule(
        re.compile(r"^view size is not compatible with input tensor's size and stride"),
        lambda f, _: _explain_view(f.run, f.call, f.msg, f.say),
    ),
    Rule(
        re.compile(r"^index (\d+) is out of bounds for dimension 0 with size (\d+)$"),
        lambda f, _: _explain_time_index(f.run, f.err, f.call, f.msg, f.say, f.lang),
    ),
    Rule(None, lambda f, _: _explain_super_init(f.run, f.err, f.say, f.lang)),  # reads the exception
    Rule(re.compile(r"must be sorted in decreasing order"), _pack_sorted),
    Rule(
        re.compile(
            r"Expected `len\(lengths\)` to be equal to batch_size, but got (\d+) \(batch_size=(\d+)\)"
        ),
        _pack_batch_first,
    ),
    Rule(re.compile(r"(too many|not enough) values to unpack"), _unpack_gru),
    Rule(None, _name, when=lambda f: isinstance(f.err.exc, NameError)),
    Rule(None, lambda f, _: _explain_class_loss(f.run, f.call, f.msg, f.say)),
)


def _explain_constructor(run: Run, call: CallInfo, msg: str, say) -> tuple[str, Fix | None] | None:
    """The proj_size rules, checked when the module is built."""
    cls = call.target
    mod = _seg(run, call.node.func if isinstance(call.node, ast.Call) else None, f"nn.{cls.__name__}")
    proj = _ctor_value(call, cls, "proj_size")
    hidden = _ctor_value(call, cls, "hidden_size")
    if "proj_size has to be smaller than hidden_size" in msg and isinstance(proj, int):
        fix = _rebuild(run, call.node, cls, hidden_size=proj, proj_size=REMOVE)
        return say("proj_too_big", mod=mod, proj=proj, hidden=hidden), fix
    if "proj_size argument is only supported for LSTM" in msg:
        names = PARAMETERS.get(cls, [])
        if "proj_size" not in call.kwargs and "proj_size" not in names:
            return say("proj_not_lstm", mod=mod, kind=cls.__name__, proj=proj), None
        fix = _rebuild(run, call.node, cls, proj_size=REMOVE)
        return say("proj_not_lstm", mod=mod, kind=cls.__name__, proj=proj), fix
    return None


def _explain_module_call(
    run: Run, call: CallInfo, module: nn.Module, msg: str, say, lang: str = "en"
) -> tuple[str, Fix | None] | None:
    mod_name = _seg(run, call.node.func if isinstance(call.node, ast.Call) else None, "module")
    x = _arg(call, 0, "input")
    x_node = _arg_node(call, 0, "input")
    x_name = _seg(run, x_node, "x")
    hx = _arg(call, 1, "hx")
    hx_node = _arg_node(call, 1, "hx")
    recurrent = isinstance(module, tuple(RNN_CLASSES.values()))

    m = re.search(r"input\.size\(-1\) must be equal to input_size\. Expected (\d+), got (\d+)", msg)
    if m and isinstance(x, torch.Tensor):
        expected, got = int(m.group(1)), int(m.group(2))
        prov = run.origin(x)
        rebuild = _rebuild_module(run, module, input_size=got)
        if x.dim() == 2 and expected == 1:
            fix = _fix_input(run, call, "unsqueeze(-1)", str(tuple(x.shape) + (1,)))
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
        name = _seg(run, state_node, which)
        fix = _fix_states(run, call, module)
        params = dict(name=name, which=which, expected=expected, got=got, mod=mod_name, x=x_name)
        width_letter = "H_cell" if which == "c_0" else "H_out"  # c is hidden_size wide, h proj_size
        batched_x = isinstance(x, torch.Tensor) and x.dim() == 3
        if (
            module.batch_first and batched_x and len(got) == 3 and (got[1], got[0], got[2]) == tuple(expected)
        ):  # built batch-first, as (N, D*num_layers, H_out): batch_first does not reach the states
            swapped = _fix_swapped_states(run, call, module)
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
            and _states_batch(call) == {x.shape[0]}
        ):  # the data is (N, L, H_in), and the state was built for its N: the module reads (L, N, H_in)
            text = say("data_batch_first", N=x.shape[0], L=x.shape[1], shape=_shape(x), **params)
            return text, _fix_transpose_input(run, call)
        note = ""
        carried = _carried_state(run, hx, which)
        if carried is not None:  # a real state: rebuilding it as zeros would throw it away
            fix = None
            key = "hx_carried_layers" if len(expected) == len(got) and expected[0] != got[0] else "hx_carried"
            note = say(key, name=name, line=carried.line, rows=expected[0])
        elif _computed(run, _which_state(hx, which)):  # computed by the model (a latent, an encoder)
            fix = None
            note = say("hx_computed", name=name, line=_computed_line(run, _which_state(hx, which)))
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
        fix = _fix_input(run, call, method)
        if "int" in m.group(1) or "long" in m.group(1):
            return say("int_input", x=x_name, dtype=m.group(1), mod=mod_name), fix
        return say("dtype_input", x=x_name, dtype=m.group(1), wdtype=m.group(2)), fix
    if isinstance(module, nn.LSTM) and isinstance(hx, torch.Tensor):
        # one tensor where the pair (h_0, c_0) belongs: torch indexes it as if it were the pair,
        # and whatever fails first says nothing of the pair
        h_name = _seg(run, hx_node, "h0")
        fix = _fix_pair(run, call, module)
        if isinstance(x, rnn_utils.PackedSequence) and "invalid combination of arguments" in msg:
            return say("lstm_pair_packed", mod=mod_name, h=h_name), fix
        if "index 1 is out of bounds" in msg:
            rows = hx.shape[0] if hx.dim() else 0
            return say("lstm_single_state", mod=mod_name, h=h_name, shape=_shape(hx), rows=rows), fix
        return say("lstm_pair", mod=mod_name, h=h_name), fix
    if re.search(r"hx should also be|hx and cx should also be", msg) and recurrent:
        text = say("hx_batched", mod=mod_name, x=x_name, shape=_shape(x))
        if _computed(run, hx):  # a latent mapped to (N, H): the layer axis added, its values kept
            return _explain_computed_state(run, call, module, hx, hx_node, text, say, lang)
        return text, _fix_states(run, call, module)
    if "'tuple' object has no attribute" in msg and isinstance(module, (nn.GRU, nn.RNN)):
        if isinstance(hx_node, (ast.Tuple, ast.List)) and hx_node.elts:
            first = _seg(run, hx_node.elts[0], "h0")
        else:
            first = f"{_atom(run, hx_node, 'hx')}[0]"
        fix = _fix(_replace(run, (hx_node, first))) if hx_node is not None else None
        return say("gru_tuple", mod=mod_name, kind=type(module).__name__), fix
    m = re.search(r"(RNN|LSTM|GRU)Cell: Expected input to be 1D or 2D, got (\d)D", msg)
    if m and isinstance(x, torch.Tensor) and x.dim() == 3:
        text = say("cell_sequence", mod=mod_name, x=x_name, shape=_shape(x), kind=m.group(1))
        return text, _fix_cell_loop(run, call, module, m.group(1))
    if (
        isinstance(module, nn.LSTMCell)
        and isinstance(hx, torch.Tensor)
        and (("lstm_cell()" in msg and "must be tuple" in msg) or "Expected hx[0] to be 1D or 2D" in msg)
    ):
        return say("lstmcell_pair", mod=mod_name), _fix_pair(run, call, module)
    m = re.search(r"mat1 and mat2 shapes cannot be multiplied \((\d+)x(\d+) and (\d+)x(\d+)\)", msg)
    if m and isinstance(module, nn.Linear):
        got = int(m.group(2))
        prov = run.origin(x)
        fix = _rebuild_module(run, module, in_features=got)
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
            base = _seg(run, x_node.value, "h_n")
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
            return text, _fix(_replace(run, (x_node, joined)))
        key = "linear_bidir" if from_bidir and got == 2 * module.in_features else "linear"
        return say(key, x=x_name, got=got, expected=module.in_features, mod=mod_name), fix
    return None


CONVERSIONS = {torch.float32: "float()", torch.float64: "double()", torch.float16: "half()"}


def _explain_state_dtype(
    run: Run, call: CallInfo, module: nn.Module, lang: str, say
) -> tuple[str, Fix | None]:
    """h_0 (or c_0) in another dtype than the weights: each state that differs, converted."""
    mod_name = _seg(run, call.node.func if isinstance(call.node, ast.Call) else None, "module")
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
                name = _seg(run, hx_node.elts[i], labels[min(i, len(labels) - 1)])
            elif pair:
                name = f"{_atom(run, hx_node, 'hx')}[{i}]"
            else:
                name = _seg(run, hx_node, "h_0")
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
                code = f"{_atom(run, elt, 'h0')}.{method}"
                if isinstance(elt, ast.Name):
                    inserts.append(f"{elt.id} = {code}")
                else:
                    replaces.append((elt, code))
            edits = []
            if inserts:
                edits.append(_insert(run, hx_node, "\n".join(inserts)))
            if replaces:
                edits.append(_replace(run, *replaces))
            fix = _fix(*edits)
        elif pair:
            base = _atom(run, hx_node, "hx")
            parts = [f"{base}[{i}]" + (f".{method}" if i in wrong else "") for i in range(len(states))]
            fix = _fix(_assign_or_replace(run, hx_node, f"({', '.join(parts)})"))
        else:
            fix = _fix(_assign_or_replace(run, hx_node, f"{_atom(run, hx_node, 'h0')}.{method}"))
    return text, fix


def _which_state(hx: Any, which: str) -> Any:
    """h_0 or c_0 of what was passed as the state."""
    if isinstance(hx, (tuple, list)) and hx:
        return hx[1] if which == "c_0" and len(hx) > 1 else hx[0]
    return hx


def _computed_line(run: Run, state: Any) -> Any:
    """The line of the last module call a computed state hangs on ('?' when not followed)."""
    deps = run.graph_of(state) if isinstance(state, torch.Tensor) else None
    prov = run.origin(state) if isinstance(state, torch.Tensor) else None
    if deps:
        return run.autograd.nodes[max(deps)].line
    return prov.line if prov is not None else "?"


def _explain_computed_state(
    run: Run, call: CallInfo, module: nn.Module, hx: Any, hx_node: Any, text: str, say, lang: str
) -> tuple[str, Fix | None]:
    """A 2-D state the model computed ((N, H_out), a latent through a Linear) for batched input:
    with one layer and one direction, the layer axis added in front keeps its values; else no fix."""
    name = _seg(run, hx_node, "h_0")
    note = say("hx_computed", name=name, line=_computed_line(run, hx))
    x = _arg(call, 0, "input")
    rows = _D(module) * module.num_layers
    width = _H_out(module)
    n = x.shape[1 if not module.batch_first else 0] if isinstance(x, torch.Tensor) and x.dim() == 3 else None
    fix = None
    if (
        isinstance(hx, torch.Tensor)
        and not isinstance(module, nn.LSTM)
        and rows == 1
        and tuple(hx.shape) == (n, width)
        and hx_node is not None
    ):
        fix = _fix(_assign_or_replace(run, hx_node, f"{_atom(run, hx_node, 'h0')}.unsqueeze(0)"))
        note = say("hx_computed_axis", name=name, line=_computed_line(run, hx), shape=(1, n, width))
    return join(lang, text, note), fix


def _carried_state(run: Run, hx: Any, which: str) -> Any:
    """Where the refused state came from, when it is a recurrent layer's own final state (or
    computed from one), not one the snippet built: the Provenance, else None."""
    state = hx
    if isinstance(hx, (tuple, list)) and hx:
        state = hx[1] if which == "c_0" and len(hx) > 1 else hx[0]
    prov = run.origin(state) if isinstance(state, torch.Tensor) else None
    if prov is None or prov.kind not in ("states", "derived"):
        return None
    return prov if isinstance(prov.module, tuple(RNN_CLASSES.values())) else None


CLASS_LOSSES = (nn.CrossEntropyLoss, nn.NLLLoss)


def _explain_class_loss(run: Run, call: CallInfo | None, msg: str, say) -> tuple[str, Fix | None] | None:
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
        "loss": _seg(run, call.node.func if isinstance(call.node, ast.Call) else None, "the loss"),
        "pred": _seg(run, pred_node, "input"),
        "target": _seg(run, target_node, "target"),
        "pred_shape": _shape(pred),
        "target_shape": _shape(target),
    }
    flatten = None
    if pred_node is not None and target_node is not None and pred.dim() >= 2:
        classes = pred.shape[-1]
        flatten = _fix(
            _replace(
                run,
                (pred_node, f"{_atom(run, pred_node, 'input')}.reshape(-1, {classes})"),
                (target_node, f"{_atom(run, target_node, 'target')}.reshape(-1)"),
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
            fix = _fix(_replace(run, (target_node, f"{_atom(run, target_node, 'target')}.squeeze(-1)")))
        return say("ce_target_column", N_hint=target.shape[0], **names), fix
    m = re.search(r"Expected input batch_size \((\d+)\) to match target batch_size \((\d+)\)", msg)
    if m:
        rows, labels = int(m.group(1)), int(m.group(2))
        fits = pred.dim() == 2 and target.numel() == rows and target.dim() >= 2
        return say("ce_batch", rows=rows, labels=labels, **names), flatten if fits else None
    return None


# --- cells, the input's axes, embeddings, packed output, .view, nn.Module's set-up ---------------


CELLS = tuple(CELL_CLASSES.values())


def _cell_states(run: Run, call: CallInfo) -> list[tuple[ast.AST | None, Any, str, str]]:
    """(node, value, label, name) of each state given to a cell: h, and c for an LSTMCell."""
    hx, hx_node = _arg(call, 1, "hx"), _arg_node(call, 1, "hx")
    if isinstance(hx, torch.Tensor):
        return [(hx_node, hx, "h", _seg(run, hx_node, "h"))]
    if not isinstance(hx, (tuple, list)):
        return []
    labels = ("h", "c")
    if isinstance(hx_node, (ast.Tuple, ast.List)) and len(hx_node.elts) == len(hx):
        return [
            (elt, value, labels[min(i, 1)], _seg(run, elt, labels[min(i, 1)]))
            for i, (elt, value) in enumerate(zip(hx_node.elts, hx, strict=True))
        ]
    base = _atom(run, hx_node, "hx")
    return [(None, value, labels[min(i, 1)], f"{base}[{i}]") for i, value in enumerate(hx)]


def _carried_cell_state(run: Run, value: Any) -> Any:
    """The Provenance of a state that a cell (or a recurrent layer) returned, else None."""
    prov = run.origin(value) if isinstance(value, torch.Tensor) else None
    if prov is None:
        return None
    if prov.kind == "cell" or (
        prov.kind in ("states", "derived") and isinstance(prov.module, tuple(RNN_CLASSES.values()))
    ):
        return prov
    return None


def _explain_cell(
    run: Run, call: CallInfo, module: nn.Module, msg: str, say, lang: str
) -> tuple[str, Fix | None] | None:
    """A cell's state: one tensor (N, hidden_size) for RNNCell/GRUCell, a pair for LSTMCell; the
    input's batch N and the state's must agree; no layer axis."""
    if not isinstance(module, CELLS):
        return None
    mod = _seg(run, call.node.func if isinstance(call.node, ast.Call) else None, "cell")
    kind = type(module).__name__
    H = module.hidden_size
    x, x_node = _arg(call, 0, "input"), _arg_node(call, 0, "input")
    x_name = _seg(run, x_node, "x")
    hx, hx_node = _arg(call, 1, "hx"), _arg_node(call, 1, "hx")
    if (
        re.search(r"'(tuple|list)' object has no attribute 'dim'", msg)
        and isinstance(hx, (tuple, list))
        and not isinstance(module, nn.LSTMCell)
    ):
        if isinstance(hx_node, (ast.Tuple, ast.List)) and hx_node.elts:
            first = _seg(run, hx_node.elts[0], "h")
        else:
            first = f"{_atom(run, hx_node, 'hx')}[0]"
        fix = _fix(_replace(run, (hx_node, first))) if hx_node is not None else None
        return say("cell_tuple", mod=mod, kind=kind, H=H, n=len(hx)), fix
    m = re.search(r"input has inconsistent input_size: got (\d+),? expected (\d+)", msg)
    if m and isinstance(x, torch.Tensor):
        got, expected = int(m.group(1)), int(m.group(2))
        text = say("cell_input", mod=mod, x=x_name, shape=_shape(x), got=got, expected=expected)
        return text, _rebuild_module(run, module, input_size=got)
    states = _cell_states(run, call)
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
        carried = _carried_cell_state(run, value)
        if carried is not None:  # the state the cell returned: rebuilding it as zeros would lose it
            return join(lang, text, say("cell_carried", name=name, line=carried.line, got=got)), None
        changes = []
        for node, value, _, _ in states:
            if isinstance(value, torch.Tensor) and value.dim() == 2 and value.shape[0] != n:
                change = _resized(
                    run,
                    call.node,
                    node,
                    value,
                    lambda dims, line: [_batch_code(run, call, line), dims[1]],
                )
                if change is None:
                    return text, None
                changes.append(change)
        return text, _edits(run, changes)

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
                fix = _fix(_replace(run, (x_node, f"{_atom(run, x_node, 'x')}.unsqueeze(0)")))
            return text, fix
        text = say(
            "cell_width", mod=mod, kind=kind, name=name, state=_shape(value), got=got, H=H, which=which
        )
        changes = []
        for node, value, _, _ in states:
            if isinstance(value, torch.Tensor) and value.dim() == 2 and value.shape[1] != H:
                change = _resized(run, call.node, node, value, lambda dims, line: [dims[0], str(H)])
                if change is None:
                    return text, None
                changes.append(change)
        return text, _edits(run, changes)

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
                    change = _resized(run, call.node, node, value, lambda dims, line: dims[1:])
                if change is None:
                    return text, None
                changes.append(change)
        return text, _edits(run, changes)
    return None


def _explain_input_dims(
    run: Run, call: CallInfo, module: nn.Module, msg: str, say, lang: str
) -> tuple[str, Fix | None] | None:
    """A recurrent layer given 4-D input (images) or 1-D input: the layout it reads, and the
    reshape that gives it, when the sizes make one obvious."""
    m = re.search(r"(RNN|LSTM|GRU): Expected input to be 2D or 3D, got (\d+)D", msg)
    x, x_node = _arg(call, 0, "input"), _arg_node(call, 0, "input")
    if not (m and isinstance(module, tuple(RNN_CLASSES.values())) and isinstance(x, torch.Tensor)):
        return None
    mod = _seg(run, call.node.func if isinstance(call.node, ast.Call) else None, "module")
    n_in, bf = module.input_size, module.batch_first
    layout = "(N, L, H_in)" if bf else "(L, N, H_in)"
    x_name = _seg(run, x_node, "x")
    xs = _atom(run, x_node, "x")
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
    return join(lang, text, sentence), _fix(_replace(run, (x_node, code)))


def _explain_embedding(
    run: Run, call: CallInfo, module: nn.Module, msg: str, say, lang: str
) -> tuple[str, Fix | None] | None:
    """nn.Embedding: ids must be integers (long or int) in 0 … num_embeddings − 1."""
    if not isinstance(module, nn.Embedding):
        return None
    x, x_node = _arg(call, 0, "input"), _arg_node(call, 0, "input")
    if not isinstance(x, torch.Tensor):
        return None
    mod = _seg(run, call.node.func if isinstance(call.node, ast.Call) else None, "embedding")
    x_name = _seg(run, x_node, "ids")
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
        info = run.module_info(module)
        if info is not None and info.node is not None and hi == n:
            arg = info.node.args[0] if info.node.args else None
            if arg is None:
                arg = next((kw.value for kw in info.node.keywords if kw.arg == "num_embeddings"), None)
            if arg is not None and not isinstance(arg, ast.Constant):  # vocab_size -> vocab_size + 1
                value = _Code(f"{_atom(run, arg, str(n))} + 1")
        return say("emb_range", hi=hi, need=hi + 1, **params), _rebuild_module(
            run, module, num_embeddings=value
        )
    if "'indices' to have one of the following scalar types" not in msg:
        return None
    text = say("emb_float", dtype=_dtype_text(x.dtype), **params)
    long_fix = None
    if x_node is not None:
        long_fix = _fix(_replace(run, (x_node, f"{_atom(run, x_node, 'ids')}.long()")))
    if x.device.type != "meta":  # data written in the snippet: .long() only if they are ids
        v = x.double()
        ids = x.numel() == 0 or bool(
            torch.isfinite(v).all() and (v == v.round()).all() and v.min() >= 0 and v.max() < n
        )
        return (text, long_fix) if ids else (join(lang, text, say("emb_not_ids", **params)), None)
    built = _built_by(run, call.node, x_node) if x_node is not None else None
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
    factory = _factory_of(run, call.node, x_node) if x_node is not None else None
    name = factory.func.attr if factory is not None else None
    if name in ("randn", "rand", "empty"):
        dims = _dims(factory)
        if dims and len(dims) == x.dim():
            sizes = ", ".join(_seg(run, d, "...") for d in dims) + ("," if len(dims) == 1 else "")
            code = f"torch.randint(0, {n}, ({sizes}))"
            # what .long() would make of them depends on the draw: randn gives negatives, rand all 0
            key = {"randn": "emb_random", "rand": "emb_rand", "empty": "emb_empty"}[name]
            return join(lang, text, say(key, fn=name, code=code, **params)), _fix(
                _replace(run, (factory, code))
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


def _explain_packed_input(
    run: Run, call: CallInfo, module: nn.Module, msg: str, say, lang: str
) -> tuple[str, Fix | None] | None:
    """A PackedSequence handed to a layer that takes tensors (nn.Linear): unpack it first."""
    x, x_node = _arg(call, 0, "input"), _arg_node(call, 0, "input")
    if not (isinstance(x, rnn_utils.PackedSequence) and "not PackedSequence" in msg):
        return None
    if isinstance(module, tuple(RNN_CLASSES.values())) or not isinstance(x.batch_sizes, torch.Tensor):
        return None
    prov = run.origin(x)
    bf = bool(
        prov is not None and isinstance(prov.module, tuple(RNN_CLASSES.values())) and prov.module.batch_first
    )
    sizes = x.batch_sizes
    n, length = (int(sizes[0]), sizes.numel()) if sizes.numel() else (0, 0)
    width = x.data.shape[-1] if x.data.dim() else 0
    padded = (n, length, width) if bf else (length, n, width)
    mod = _seg(run, call.node.func if isinstance(call.node, ast.Call) else None, "the layer")
    x_name = _seg(run, x_node, "output")
    keyword = ", batch_first=True" if bf else ""
    code = f"{_pad_packed_name(run)}({_atom(run, x_node, 'output')}{keyword})[0]"
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
    return text, _fix(_replace(run, (x_node, code))) if x_node is not None else None


def _explain_view(run: Run, call: CallInfo | None, msg: str, say) -> tuple[str, Fix | None] | None:
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
    x = _seg(run, node.func.value, "x")
    args = ", ".join(_seg(run, a, "...") for a in [*node.args, *node.keywords])
    text = say("view_contiguous", x=x, shape=_shape(call.args[0]), args=args)
    return text, _fix(_replace(run, (node.func, f"{_atom(run, node.func.value, 'x')}.reshape")))


def _explain_time_index(
    run: Run, err: UserError, call: CallInfo | None, msg: str, say, lang: str
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
    xs, t = _seg(run, sub.value, "x"), _seg(run, sub.slice, "t")
    params = dict(x=xs, t=t, shape=_shape(x), idx=idx, N=N, L=L, F=F_in, mod=_seg(run, outer.func, "cell"))
    text = say("cell_time_index", **params)
    changes: list[tuple[Any, str]] = [(sub, f"{xs}[:, {t}]")]
    hx_node = outer.args[1] if len(outer.args) > 1 else None
    if hx_node is None:
        hx_node = next((kw.value for kw in outer.keywords if kw.arg == "hx"), None)
    if isinstance(hx_node, ast.Constant) and hx_node.value is None:
        hx_node = None
    nodes = hx_node.elts if isinstance(hx_node, (ast.Tuple, ast.List)) else [hx_node] if hx_node else []
    scope = _scope(run, outer)
    for node in nodes:
        factory = _factory_of(run, outer, node)
        dims = _dims(factory) if factory is not None else None
        if dims is None or len(dims) != 2:
            return join(lang, text, say("cell_time_state", **params)), None
        batch = f"{xs}.size(0)" if _root_bound(run, scope, sub.value, factory.lineno) else str(N)
        changes.append((dims[0], batch))
    return join(lang, text, say("cell_time_state", **params) if nodes else ""), _edits(run, changes)


def _explain_super_init(run: Run, err: UserError, say, lang: str) -> tuple[str, Fix | None] | None:
    """A module assigned in ``__init__`` before ``super().__init__()``: call it first."""
    if not (
        isinstance(err.exc, AttributeError)
        and str(err.exc) == "cannot assign module before Module.__init__() call"
        and run.tree is not None
    ):
        return None
    cls = init = None
    for node in ast.walk(run.tree):  # breadth first: the last match is the innermost
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
    run: Run, call: CallInfo, module: nn.Module, msg: str, say, lang: str
) -> tuple[str, Fix | None] | None:
    """The module calls beyond ``_explain_module_call``: cells, the input's axes, embeddings, packed."""
    for explainer in (_explain_cell, _explain_input_dims, _explain_embedding, _explain_packed_input):
        found = explainer(run, call, module, msg, say, lang)
        if found is not None:
            return found
    return None


def _maybe_none(run: Run, name: str) -> bool:
    """``name`` is somewhere set to None (``hidden = None``, ``def forward(self, x, hidden=None)``)."""
    for node in ast.walk(run.tree) if run.tree is not None else ():
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
    run: Run, err: UserError, call: CallInfo | None, say, lang: str
) -> tuple[str, Fix | None]:
    """A second backward() through a graph an earlier one freed: a state carried over from the
    last iteration without .detach(). The fix detaches it where it is passed on."""
    loss = call.args[0] if call is not None and call.args else None
    name = _loss_name(run, call)
    deps = run.graph_of(loss) or frozenset()
    freed = sorted(run.autograd.freed[n] for n in deps if n in run.autograd.freed)
    first = freed[0] if freed else "?"
    carried = None  # the recurrent call that took a state hanging on the freed graph
    for n in sorted(deps):
        node = run.autograd.nodes[n]
        if node.carried and isinstance(node.call.target, (*RNN_CLASSES.values(), *CELL_CLASSES.values())):
            hx = _arg(node.call, 1, "hx")
            if hx is not None and (run.graph_of(hx) or frozenset()).intersection(run.autograd.freed):
                carried = node
                break
    text = say("backward_twice", loss=name, line=err.line, first=first)
    if carried is None:
        return join(lang, text, say("backward_twice_any")), None
    detail, fix = _detach_state(run, carried, say)
    return join(lang, text, detail), fix


def _loss_name(run: Run, call: CallInfo | None) -> str:
    """``loss`` of ``loss.backward()`` as written."""
    func = call.node.func if call is not None and isinstance(call.node, ast.Call) else None
    return _seg(run, func.value if isinstance(func, ast.Attribute) else None, "loss")


def _detach_state(run: Run, carried: Any, say) -> tuple[str, Fix | None]:
    """The state a recurrent call (graph node ``carried``) took from the previous iteration, cut
    off its history where it is passed on: the sentence that says so, and the fix."""
    hx, hx_node = _arg(carried.call, 1, "hx"), _arg_node(carried.call, 1, "hx")
    mod = _seg(run, carried.call.node.func if isinstance(carried.call.node, ast.Call) else None, "module")
    state = _seg(run, hx_node, "hidden")
    names = hx_node.elts if isinstance(hx_node, (ast.Tuple, ast.List)) else []
    if names and all(isinstance(e, ast.Name) for e in names):  # lstm(x, (h, c))
        code = f"{', '.join(e.id for e in names)} = {', '.join(f'{e.id}.detach()' for e in names)}"
    elif isinstance(hx, (tuple, list)):
        code = f"{state} = tuple(s.detach() for s in {state})"
    else:
        code = f"{state} = {state}.detach()"
    detail = say("backward_twice_state", state=state, mod=mod, call_line=carried.line, code=code)
    fix = None
    if isinstance(hx_node, ast.Name):
        guarded = f"if {state} is not None:\n    {code}" if _maybe_none(run, state) else code
        fix = _fix(_insert(run, hx_node, guarded))
    elif names and all(isinstance(e, ast.Name) for e in names) and len(names) == len(hx):
        if not any(_maybe_none(run, e.id) for e in names):
            fix = _fix(_insert(run, hx_node, code))
    return detail, fix


def _explain_inplace_version(
    run: Run, err: UserError, call: CallInfo | None, say, lang: str
) -> tuple[str, Fix | None]:
    """backward() met a value a module call saved that was changed in place since (an optimizer
    step on the weights, ``x += 1`` on the input): the call, what changed it, and, when a state
    carried from the last iteration is what reaches that call, the state detached."""
    loss = call.args[0] if call is not None and call.args else None
    deps = run.graph_of(loss) or frozenset()
    stale = [n for n in sorted(deps) if run.autograd.nodes[n].stale(run.autograd.saved)]
    name = _loss_name(run, call)
    if not stale:
        return say("inplace_version", loss=name, line=err.line, mod="?", call_line="?"), None
    n = stale[-1]  # autograd meets the latest call first
    node = run.autograd.nodes[n]
    mod = _seg(run, node.call.node.func if isinstance(node.call.node, ast.Call) else None, "module")
    text = say("inplace_version", loss=name, line=err.line, mod=mod, call_line=node.line)
    changed = [i for i, v in node.saved.items() if run.autograd.saved[i]._version != v]
    steps = sorted({run.stepped[i] for i in changed if i in run.stepped})
    if steps:
        text = join(lang, text, say("inplace_version_step", step=steps[-1], call_line=node.line))
    carried = None  # a later recurrent call whose state hangs on the stale call's graph
    for later in sorted(deps):
        other = run.autograd.nodes[later]
        if later > n and isinstance(other.call.target, (*RNN_CLASSES.values(), *CELL_CLASSES.values())):
            hx = _arg(other.call, 1, "hx")
            if hx is not None and n in (run.graph_of(hx) or frozenset()):
                carried = other
                break
    if carried is None:
        return join(lang, text, say("inplace_version_again")), None
    detail, fix = _detach_state(run, carried, say)
    return join(lang, text, detail), fix


def _states_batch(call: CallInfo) -> set[int] | None:
    """The batch sizes (dim 1) of the 3-D states given to a recurrent call: an LSTM's h_0 and c_0
    both, so that transposing the input is offered only when every state was built for its N."""
    hx = _arg(call, 1, "hx")
    states = hx if isinstance(hx, tuple) else (hx,)
    if not all(isinstance(s, torch.Tensor) and s.dim() == 3 for s in states):
        return None
    return {s.shape[1] for s in states}
