"""Torch's words when backward() meets a saved tensor that was changed in place.

Autograd counts every in-place change of a tensor (its version) and, when a backward() reaches a
value it saved, compares the version then and now: "one of the variables needed for gradient
computation has been modified by an inplace operation: [torch.FloatTensor [20, 1]], which is output
0 of AsStrided, is at version 2; expected version 1 instead. ...". Which saved value it meets first,
and how torch names it, depends on the module's own backward, so the message is not composed here:
the module is rebuilt on the CPU (a twin with the same arguments), called on zeros of the same
shapes, its parameters and inputs brought to the versions they had when the user's call saved them
and then to the versions they have now, and its backward() says the words. Never the user's code:
only torch's module, on numbers of our own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import torch
from torch import nn
from torch.nn.utils import rnn as rnn_utils

MAX_BUMPS = 10_000  # in-place changes replayed per tensor
MAX_REPLAY_ELEMENTS = 200_000  # elements of the zeros a replay calls the module on
AMBIGUOUS = "ambiguous"  # the replays disagree: which saved value torch meets first depends on the use


def _bump(t: torch.Tensor, to: int) -> bool:
    """Bring ``t``'s version up to ``to`` with in-place changes that leave its values alone."""
    if t._version > to or to - t._version > MAX_BUMPS:
        return False
    with torch.no_grad():
        while t._version < to:
            t.add_(0)
    return True


def _uses(module: nn.Module, out: Any) -> list[list[torch.Tensor]]:
    """The ways a loss can use a module's result: all of it, and for a recurrent layer each part
    alone (output, each state, output's first and last step). Autograd may meet a different saved
    value first for each; the replay speaks only where they all agree."""
    flat: list[torch.Tensor] = []

    def collect(v: Any) -> None:
        if isinstance(v, torch.Tensor):
            if v.is_floating_point():
                flat.append(v)
        elif isinstance(v, (tuple, list)):
            for item in v:
                collect(item)

    collect(out)
    uses = [flat]
    if isinstance(module, nn.RNNBase) and isinstance(out, tuple) and len(out) == 2:
        output, states = out
        time = 1 if module.batch_first and output.dim() == 3 else 0
        uses += [[output], [output.select(time, 0)], [output.select(time, -1)]]
        uses += [[s] for s in (states if isinstance(states, tuple) else (states,))]
    return [u for u in uses if u]


def replay(
    make_twin: Callable[[], nn.Module | None],
    module: nn.Module,
    args: tuple,
    kwargs: dict,
    saved: dict[int, int],
) -> str | None:
    """Torch's message for a backward() through ``module``'s call, whose parameters and tensor
    arguments had versions ``saved`` (by id) when it ran and have their ``_version`` now.

    Returns the message, None when torch raises nothing, or AMBIGUOUS when it cannot be told
    (the twin cannot be built, a replay disagrees with another, or the data is too large).
    """
    tensors: list[torch.Tensor] = []

    def gather(v: Any) -> None:
        if isinstance(v, rnn_utils.PackedSequence):
            raise ValueError("packed")
        if isinstance(v, torch.Tensor):
            tensors.append(v)
        elif isinstance(v, (tuple, list)):
            for item in v:
                gather(item)

    try:
        gather([list(args), list(kwargs.values())])
    except ValueError:
        return AMBIGUOUS
    for t in tensors:  # zeros name a changed input as a plain tensor: only a plain tensor is one
        if t._version != saved.get(id(t), t._version) and (t.grad_fn is not None or t._base is not None):
            return AMBIGUOUS
    if sum(t.numel() for t in tensors) > MAX_REPLAY_ELEMENTS:
        return AMBIGUOUS
    params = list(module.parameters())
    found: set[str | None] = set()
    probe = make_twin()
    if probe is None:
        return AMBIGUOUS
    for use in range(len(_uses(probe, probe(*_zeros_like(args, {}), **_zeros_like(kwargs, {}))))):
        twin = make_twin()
        if twin is None:
            return AMBIGUOUS
        twin_params = list(twin.parameters())
        if len(twin_params) != len(params):
            return AMBIGUOUS
        pairs: dict[int, torch.Tensor] = {}
        real_args = _zeros_like(args, pairs)
        real_kwargs = _zeros_like(kwargs, pairs)
        mine = [(twin_params[i], p) for i, p in enumerate(params)]
        mine += [(pairs[id(t)], t) for t in tensors if id(t) in pairs]
        if not all(_bump(copy, saved.get(id(orig), orig._version)) for copy, orig in mine):
            return AMBIGUOUS
        out = twin(*real_args, **real_kwargs)
        picked = _uses(twin, out)[use]
        loss = sum(t.sum() for t in picked)
        if not all(_bump(copy, orig._version) for copy, orig in mine):
            return AMBIGUOUS
        try:
            loss.backward()
        except RuntimeError as exc:
            found.add(str(exc))
        else:
            found.add(None)
        if len(found) > 1:
            return AMBIGUOUS
    return found.pop() if found else None


def _zeros_like(value: Any, pairs: dict[int, torch.Tensor]) -> Any:
    """Zeros on the CPU in the shapes, dtypes and grad requirement of the user's tensors."""
    if isinstance(value, torch.Tensor):
        real = torch.zeros(value.shape, dtype=value.dtype)
        if value.requires_grad and real.is_floating_point():
            real = real.requires_grad_()
        pairs[id(value)] = real
        return real
    if type(value) in (tuple, list):
        return type(value)(_zeros_like(v, pairs) for v in value)
    if isinstance(value, dict):
        return {k: _zeros_like(v, pairs) for k, v in value.items()}
    return value
