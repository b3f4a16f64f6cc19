"""How big a value is, counted without building it: the elements a container reaches (shared
ones each time) and the characters its text would have.
"""

from __future__ import annotations

import re
from typing import Any

import torch
from torch import nn
from torch.nn.utils import rnn as rnn_utils

from explainer.debugger.limits import MAX_TEXT
from explainer.debugger.values import UserFunction, UserObject, _Bound, _Enumerate, _Generator, _Zip


def _weight(value: Any, budget: int) -> int:
    """Elements reachable through lists, tuples and strings (shared ones each time), up to budget + 1."""
    return _weigh(value, budget)[0]


def _parts(v: Any) -> tuple[int, list | tuple] | None:
    """A container's own count and what it holds, as ``_weight`` counts them; None for a leaf."""
    if type(v) in (list, tuple) or isinstance(v, (_Enumerate, _Zip)):
        return len(v), v
    if type(v) is dict:
        return 2 * len(v), [*v.keys(), *v.values()]
    if isinstance(v, _Generator):
        return len(v.items), v.items
    return None


def _flat(items: list | tuple) -> int | None:
    """The weight of items that are all leaves (numbers, strings, tensors), counted by C without a
    step of Python each; None when one of them is a container."""
    types = set(map(type, items))
    if any(t in (list, tuple, dict) or issubclass(t, (_Enumerate, _Zip, _Generator)) for t in types):
        return None
    if any(issubclass(t, str) for t in types):
        return sum(len(v) if isinstance(v, str) else 1 for v in items)
    return len(items)


def _weigh(value: Any, budget: int) -> tuple[int, int]:
    """``_weight``, and the items this walk visited one by one (what the walk itself cost).

    Each container's weight is found once and remembered by its id for the rest of the walk (every
    container stays alive, held by ``value``): a structure doubled 30 times (``a = [a, a]``, 10⁹
    elements in a few hundred bytes) takes about 60 visits, not 10⁹, and still weighs what
    comparing, hashing or printing it would walk. A container that holds itself weighs more than
    any budget.
    """
    if isinstance(value, str):
        return len(value), 1
    parts = _parts(value)
    if parts is None:
        return 1, 1
    if len(parts[1]) > 16 and parts[0] <= budget:
        flat = _flat(parts[1])
        if flat is not None:
            return parts[0] + flat, 1 + len(parts[1]) // 16
    memo: dict[int, int] = {}
    walking = {id(value)}
    stack = [[id(value), iter(parts[1]), parts[0]]]  # [id, its items' iterator, weight so far]
    visits = 1
    leaves = (int, float, bool, type(None))
    while stack:
        frame = stack[-1]
        for v in frame[1]:
            visits += 1
            if type(v) in leaves:
                frame[2] += 1
                continue
            known = len(v) if isinstance(v, str) else memo.get(id(v))
            if known is None:
                if id(v) in walking:
                    return budget + 1, visits  # it holds itself: printing or comparing never ends
                parts = _parts(v)
                if parts is None:
                    known = 1
                else:
                    own, items = parts
                    if len(items) > 16:
                        flat = _flat(items) if own <= budget else None
                    else:  # a small one ((i, x) of enumerate): its leaves counted here
                        flat = len(items) if all(type(x) in leaves for x in items) else None
                    if flat is None:
                        walking.add(id(v))
                        stack.append([id(v), iter(items), own])
                        break  # walk v first; this frame's iterator resumes after it
                    visits += len(items) // 16
                    known = memo[id(v)] = own + flat
            frame[2] += known
            if frame[2] > budget:
                return frame[2], visits
        else:
            stack.pop()
            walking.discard(frame[0])
            memo[frame[0]] = frame[2]
            if not stack:
                return frame[2], visits
            stack[-1][2] += frame[2]
            if stack[-1][2] > budget:
                return stack[-1][2], visits
    return budget + 1, visits  # not reached


def _text_size(value: Any, limit: int = MAX_TEXT) -> int:
    """An upper bound on len(str(value)) and len(repr(value)), found without building either.

    Stops counting once past ``limit``. Containers count each element every time it appears (as
    str repeats it); a tensor counts what torch prints at most (it summarizes past 1,000 numbers).
    """
    stack, total = [value], 0
    while stack and total <= limit:
        v = stack.pop()
        if isinstance(v, str):
            total += 4 * len(v) + 2  # repr may escape every character
        elif isinstance(v, bool) or v is None:
            total += 5
        elif isinstance(v, int):
            total += v.bit_length() * 31 // 100 + 3  # decimal digits and a sign
        elif isinstance(v, float):
            total += 25
        elif type(v) in (list, tuple) or isinstance(v, (_Enumerate, _Zip, torch.Size)):
            total += 14 + 2 * len(v)
            stack.extend(v)
        elif type(v) is dict:
            total += 14 + 4 * len(v)
            stack.extend(v.keys())
            stack.extend(v.values())
        elif isinstance(v, rnn_utils.PackedSequence):
            total += 80
            stack.extend(v)
        elif isinstance(v, torch.Tensor):
            shown = 0 if v.device.type == "meta" else min(v.numel(), 1_000)
            total += 200 + 24 * shown + 10 * v.dim()
        elif isinstance(v, nn.Module):
            total += 200  # its own line; its children print in full each time one appears
            stack.extend(v._modules.values())
        elif isinstance(v, UserObject):
            total += 300
            stack.extend(v.attrs.values())
        elif isinstance(v, (UserFunction, _Bound)):
            total += 300
            stack.append(v.self_obj if isinstance(v, UserFunction) else v.obj)
        else:
            total += 1_000  # a module, a dtype, a namespace: a short fixed text
    return total


# printf-style conversion specifiers: %[(key)][flags][width][.precision][length]type
_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d*))?[hlL]?(.)", re.DOTALL)


def _percent_size(template: str, values: Any) -> int:
    """An upper bound on len(template % values), found without formatting it: '%0100000000d' % 1
    would build 100 MB before any size check after it."""
    total = len(template) + _text_size(values)
    stars = [abs(v) for v in (values if isinstance(values, tuple) else (values,)) if isinstance(v, int)]
    for m in _PERCENT_SPEC.finditer(template):
        for part in m.group(1, 2):
            if part == "*":
                total += sum(stars)
            elif part:
                total += int(part) if len(part) <= 9 else 10**9
    return total


def _count_elements(value: Any) -> int:
    if isinstance(value, torch.Tensor):
        return value.numel()
    if isinstance(value, (tuple, list)):
        return sum(_count_elements(v) for v in value)
    return 0
