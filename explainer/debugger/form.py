"""Form mode: module arguments and tensor shapes typed by hand, turned into a snippet to check."""

from __future__ import annotations

from explainer.config import LIMITS, ConfigError, check_int
from explainer.shapes import read_shape

MAX_DIMS = 4
MAX_DIM = 100_000


def parse_shape(text: str, field: str = "shape") -> tuple[int, ...]:
    """'(2, 5, 20)', '2,5,20', '[2 5 20]' or 'torch.Size([2, 5, 20])' -> (2, 5, 20)."""
    if not isinstance(text, str):
        raise ConfigError(field, text, "shape")
    shape = read_shape(text, MAX_DIMS)
    if shape is None or any(not 1 <= d <= MAX_DIM for d in shape):
        raise ConfigError(field, text[:40], "shape")
    return shape


def form_snippet(
    mode: str,
    input_size: int,
    hidden_size: int,
    num_layers: int,
    bidirectional: bool,
    batch_first: bool,
    proj_size: int,
    x_shape: str,
    h0_shape: str = "",
    c0_shape: str = "",
) -> str:
    """The snippet the form describes; shapes are parsed forgivingly and checked for size."""
    if mode not in ("RNN", "LSTM", "GRU"):
        raise ConfigError("mode", mode, "choice", choices="RNN, LSTM, GRU")
    for name, value in (("input_size", input_size), ("hidden_size", hidden_size), ("num_layers", num_layers)):
        check_int(name, value, *LIMITS[name])
    x = parse_shape(x_shape, "input")
    args = [f"{input_size}", f"{hidden_size}", f"num_layers={num_layers}"]
    if batch_first:
        args.append("batch_first=True")
    if bidirectional:
        args.append("bidirectional=True")
    if mode == "LSTM" and proj_size:
        args.append(f"proj_size={check_int('proj_size', proj_size, 0, LIMITS['hidden_size'][1])}")
    lines = [
        "import torch",
        "import torch.nn as nn",
        "",
        f"rnn = nn.{mode}({', '.join(args)})",
        f"x = torch.randn{x}",
    ]
    states = []
    if h0_shape.strip():
        lines.append(f"h0 = torch.zeros{parse_shape(h0_shape, 'h_0')}")
        states.append("h0")
    if mode == "LSTM" and c0_shape.strip():
        lines.append(f"c0 = torch.zeros{parse_shape(c0_shape, 'c_0')}")
        states.append("c0")
    hx = ""
    if len(states) == 2:
        hx = ", (h0, c0)"
    elif states:
        hx = f", {states[0]}"
    target = "output, (h_n, c_n)" if mode == "LSTM" else "output, h_n"
    lines.append(f"{target} = rnn(x{hx})")
    return "\n".join(lines) + "\n"
