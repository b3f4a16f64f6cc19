"""A runnable PyTorch script that reproduces the shapes the page shows."""

from __future__ import annotations

from dataclasses import MISSING, fields

from explainer.config import RNNConfig
from explainer.shapes import output_index, shape_table, symbolic_shape

_DEFAULTS = {f.name: f.default for f in fields(RNNConfig) if f.default is not MISSING}


def constructor_call(cfg: RNNConfig) -> str:
    """``nn.LSTM(input_size=10, hidden_size=20, num_layers=2)``: non-default arguments only."""
    args = [f"input_size={cfg.input_size}", f"hidden_size={cfg.hidden_size}"]
    for name, value in cfg.module_kwargs().items():
        if name in _DEFAULTS and value != _DEFAULTS[name]:
            args.append(f"{name}={value!r}")
    return f"nn.{cfg.mode}({', '.join(args)})"


def snippet(cfg: RNNConfig, seq_len: int, batch_size: int | None, pass_hx: bool, seed: int = 0) -> str:
    """Python source that rebuilds what the page ran: the module with the app's weights
    (``build_module``), the same input and states (``make_inputs``), every shape, and the
    comparison of ``output`` with ``h_n`` that the page measured. Same numbers, any machine."""
    table = shape_table(cfg, seq_len, batch_size)
    batched = batch_size is not None
    var = cfg.mode.lower()

    def tensor(name: str) -> str:
        return f"torch.randn({table[name]}, generator=data)  # {symbolic_shape(cfg, name, batched)}"

    lines = [
        "import torch",
        "from torch import nn",
        "",
        f"{var} = {constructor_call(cfg)}",
        f"{var}.eval()",
        "# The app's weights: U(-k, k) with k = 1/sqrt(hidden_size) as in torch's init, seeded",
        f"weights = torch.Generator().manual_seed({seed})",
        f"k = {cfg.hidden_size} ** -0.5",
        "with torch.no_grad():",
        f"    for p in {var}.parameters():",
        "        p.uniform_(-k, k, generator=weights)",
        f"data = torch.Generator().manual_seed({seed + 1})",
        f"x = {tensor('input')}",
    ]
    if cfg.mode == "LSTM":
        if pass_hx:
            lines += [f"h_0 = {tensor('h_0')}", f"c_0 = {tensor('c_0')}"]
            lines.append(f"output, (h_n, c_n) = {var}(x, (h_0, c_0))")
        else:
            lines.append(f"output, (h_n, c_n) = {var}(x)  # h_0 = c_0 = zeros")
        results = (
            ["input", "h_0", "c_0", "output", "h_n", "c_n"] if pass_hx else ["input", "output", "h_n", "c_n"]
        )
    else:
        if pass_hx:
            lines.append(f"h_0 = {tensor('h_0')}")
            lines.append(f"output, h_n = {var}(x, h_0)")
        else:
            lines.append(f"output, h_n = {var}(x)  # h_0 = zeros")
        results = ["input", "h_0", "output", "h_n"] if pass_hx else ["input", "output", "h_n"]
    lines.append("")
    for name in results:
        ref = "x" if name == "input" else name
        lines.append(f'print("{name}", tuple({ref}.shape))  # {table[name]}')
    lines += [
        f"for name, p in {var}.named_parameters():",
        "    print(name, tuple(p.shape))",
        f'print("total", sum(p.numel() for p in {var}.parameters()))  # {cfg.parameter_count}',
        "",
        "# Which slice of output is which row of h_n? (the last layer; the reverse direction ends at t = 0)",
    ]
    layer = cfg.num_layers - 1
    for direction in range(cfg.D):
        row = layer * cfg.D + direction
        for t_ in sorted({seq_len - 1, 0}, reverse=True):
            out = output_index(cfg, t_, direction, batched)
            lines.append(f'print("{out} vs h_n[{row}]", ({out} - h_n[{row}]).abs().max().item())')
    return "\n".join(lines) + "\n"
