"""Which silent mistakes a run notices as it goes (code that runs but builds a wrong model):
each is recorded as a finding (code, line, params) for ``findings`` to explain.
"""

from __future__ import annotations

import ast
from typing import Any

import torch
from torch import nn

from explainer.debugger import torchlib
from explainer.debugger.meta import RNN_CLASSES


class Checks:
    """Silent mistakes, noticed where they happen and recorded with ``finding``."""

    def check_random_state(self, module: nn.Module, args: list, kwargs: dict, node: ast.AST) -> None:
        """h_0 (or c_0) drawn at random on every call: the same input gives another output each time."""
        hx = args[1] if len(args) > 1 else kwargs.get("hx")
        for state in hx if isinstance(hx, (tuple, list)) else (hx,):
            if isinstance(state, torch.Tensor) and id(state) in self.drawn:
                mode = type(module).__name__
                self.finding("random_state", node.lineno, fn=self.drawn[id(state)], mode=mode)
                return

    def check_state_unpack(self, target, value, prov, stmt) -> None:
        """`out, (h, c) = gru(x)`: a GRU or RNN returns one state tensor, not a pair."""
        if prov is None or prov.kind != "result" or len(target.elts) != 2:
            return
        if isinstance(target.elts[1], (ast.Tuple, ast.List)) and not isinstance(prov.module, nn.LSTM):
            self.finding("gru_state_unpacked", stmt.lineno, mode=type(prov.module).__name__)

    def note_ranges(self, name: str, source: Any, args: Any, kwargs: dict, result: Any) -> None:
        """Remember the range of the integers torch.sort / argmax / ... computed on meta, and keep
        it through what only moves them (view, permute, .long(), ...)."""
        for t, span in torchlib.index_ranges(name, source, tuple(args), kwargs, result):
            self.keep.append(t)
            self.ranges[id(t)] = span
        if name in torchlib.KEEPS_VALUES and isinstance(source, torch.Tensor) and id(source) in self.ranges:
            if isinstance(result, torch.Tensor) and not result.is_floating_point():
                self.keep.append(result)
                self.ranges[id(result)] = self.ranges[id(source)]

    def note_reverse_only(self, obj: torch.Tensor, index: Any, result: Any, node: ast.Subscript) -> None:
        """``h_n[-1]`` of a bidirectional layer: the last layer's reverse direction alone."""
        prov = self.origin(obj)
        first = index[0] if isinstance(index, tuple) and index else index
        if (
            prov is not None
            and prov.kind == "states"
            and isinstance(prov.module, tuple(RNN_CLASSES.values()))
            and prov.module.bidirectional
            and obj.dim() >= 2
            and type(first) is int
            and first == -1
            and isinstance(result, torch.Tensor)
        ):
            self.keep.append(result)
            self.reverse_only[id(result)] = (node, prov.module)

    def check_reverse_only(self, module: nn.Module, args: list, result: Any, node: ast.Call) -> None:
        """h_n[-1] of a bidirectional layer given to a Linear (through dropout or an activation):
        a classifier of one direction, taken for the whole sequence's summary."""
        x = args[0] if len(args) == 1 and isinstance(args[0], torch.Tensor) else None
        found = self.reverse_only.get(id(x)) if x is not None else None
        if found is None:
            return
        if isinstance(module, nn.Linear):
            sub, rnn = found
            width = rnn.proj_size or rnn.hidden_size
            self.finding("bidir_hn_last", node.lineno, at=(sub, module, node), H=width)
        elif isinstance(module, (nn.Dropout, nn.ReLU, nn.Tanh, nn.LeakyReLU, nn.GELU, nn.Identity)):
            if isinstance(result, torch.Tensor) and result.shape == x.shape:
                self.keep.append(result)
                self.reverse_only[id(result)] = found

    def check_last_step(self, tensor: torch.Tensor, index: Any, node: ast.AST) -> None:
        """`out[-1]` / `out[:, -1]` on an RNN's output: which axis does the -1 really pick?"""
        prov = self.origin(tensor)
        if (
            prov is not None
            and prov.kind == "derived"
            and isinstance(prov.module, tuple(RNN_CLASSES.values()))
            and prov.module.bidirectional
            and tensor.dim() == 4
            and tensor.shape[2] == 2
            and tensor.shape[3] == (prov.module.proj_size or prov.module.hidden_size)
        ):  # output.view(L, N, 2, H_out): the directions split, each on its own axis
            parts = index if isinstance(index, tuple) else (index,)
            time = 1 if prov.module.batch_first else 0
            lead = parts[: time + 1]
            if len(lead) == time + 1 and all(p == slice(None) for p in lead[:time]):
                step = lead[time]
                direction = parts[2] if len(parts) > 2 else slice(None)  # (·, ·, D, H_out)
                reverse = not (type(direction) is int and direction in (0, -2))
                if type(step) is int and step == -1 and reverse:
                    self.finding("bidir_view_last_step", node.lineno, at=node, H=tensor.shape[3], time=time)
            return
        if prov is None or prov.kind != "output" or not isinstance(prov.module, tuple(RNN_CLASSES.values())):
            return
        module = prov.module
        parts = index if isinstance(index, tuple) else (index,)
        picks = [i for i, p in enumerate(parts) if isinstance(p, int) and not isinstance(p, bool) and p == -1]
        if not picks:
            return
        axis = picks[0]
        batched = tensor.dim() == 3
        time_axis = 1 if (batched and module.batch_first) else 0
        if batched and module.batch_first and axis == 0:
            self.finding("last_step_of_batch", node.lineno)
            return
        if batched and not module.batch_first and axis == 1 and parts[0] == slice(None):
            # (L, N, D*H_out): [:, -1] is the batch's last sample at every step, (L, D*H_out).
            # Unbatched output (L, D*H_out) is left alone: there [:, -1] is a feature.
            length, batch = tensor.shape[0], tensor.shape[1]
            # the summary to suggest: h_n[-1] is the reverse direction alone when there are two
            summary = "torch.cat((h_n[-2], h_n[-1]), dim=-1)" if module.bidirectional else "h_n[-1]"
            self.finding(
                "last_sample_of_time_first",
                node.lineno,
                L=length,
                N=batch,
                width=tensor.shape[2],
                summary=summary,
            )
            return
        if axis == time_axis and module.bidirectional:
            width = module.proj_size or module.hidden_size
            feature = parts[tensor.dim() - 1] if len(parts) == tensor.dim() else slice(None)
            forward_only = (
                isinstance(feature, slice)
                and feature.stop is not None
                and 0 < feature.stop <= width
                and (feature.start or 0) >= 0
            )
            if not forward_only:
                self.finding("reverse_direction_partial", node.lineno, H_out=width)

    def check_loss_broadcast(self, name: str, pred: Any, target: Any, node: ast.AST) -> None:
        """MSELoss((N, 1), (N,)): torch broadcasts both to (N, N) and warns only: a wrong loss."""
        if not (isinstance(pred, torch.Tensor) and isinstance(target, torch.Tensor)):
            return
        if pred.shape == target.shape:
            return
        try:
            shape = torch.broadcast_shapes(pred.shape, target.shape)
        except RuntimeError:
            return
        self.finding(
            "loss_broadcast",
            getattr(node, "lineno", self.line),
            loss=name,
            pred=tuple(pred.shape),
            target=tuple(target.shape),
            shape=tuple(shape),
        )
