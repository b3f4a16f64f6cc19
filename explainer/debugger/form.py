"""Form mode: module arguments and tensor shapes typed by hand, turned into a snippet to check;
and values typed for the names a snippet uses but never defines, put in front of it as code."""

from __future__ import annotations

import ast
import keyword
import math
import re

from explainer.config import LIMITS, ConfigError, check_int
from explainer.i18n import t
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


MAX_ASKED = 8  # names the page asks values for at once
INT_TEXT = re.compile(r"^[+-]?\d{1,9}$")
FLOAT_TEXT = re.compile(r"^[+-]?(\d+\.\d*|\.\d+|\d+)(e[+-]?\d{1,3})?$", re.IGNORECASE)


def bound_names(source: str) -> set[str]:
    """Names the snippet itself defines anywhere (assignments, loop targets, defs, classes, imports).

    The source is parsed, never run; unparsable code defines nothing.
    """
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return set()
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.alias):
            names.add((node.asname or node.name).split(".")[0])
        elif isinstance(node, ast.arg):
            names.add(node.arg)
    return names


def names_to_ask(source: str, asked: list[str], unresolved: list[str]) -> list[str]:
    """The names to ask values for: those asked before that the code still needs, then new ones.

    A name the code now defines itself (say, after a fix was loaded with the values in front)
    is no longer asked for.
    """
    defined = bound_names(source)
    out = []
    for name in [*asked, *unresolved]:
        if name not in out and name not in defined and name.isidentifier() and not name.startswith("__"):
            out.append(name)
    return out[:MAX_ASKED]


def value_line(name: str, text: str) -> tuple[str, bool]:
    """One value typed for a name, as a line of code: ``batch = 32`` or ``x = torch.randn(5, 3, 10)``.

    A whole number or a decimal number binds that number; a shape (``(5, 3, 10)``, ``5,3,10``)
    binds a float tensor of that shape. Returns (line, needs torch). The text is parsed here,
    never evaluated. Raises ConfigError naming the name when it is neither.
    """
    if not name.isidentifier() or keyword.iskeyword(name) or name.startswith("__"):
        raise ConfigError("name", name[:40], "dbg_name")
    value = text.strip() if isinstance(text, str) else ""
    if INT_TEXT.match(value):
        return f"{name} = {int(value)}", False
    if value in ("True", "False", "None"):
        return f"{name} = {value}", False
    if FLOAT_TEXT.match(value) and not INT_TEXT.match(value):
        number = float(value)
        if math.isfinite(number):
            return f"{name} = {number!r}", False
    shape = (
        read_shape(value, MAX_DIMS)
        if ("," in value or "(" in value or "[" in value or "x" in value)
        else None
    )
    if shape is None or any(not 1 <= d <= MAX_DIM for d in shape):
        raise ConfigError(name, value[:40], "dbg_value")
    return f"{name} = torch.randn{shape if len(shape) > 1 else f'({shape[0]})'}", True


def bind_values(source: str, values: dict[str, str], lang: str = "en") -> str:
    """The snippet with the values typed for its undefined names put in front of it, as code.

    Empty values are skipped; with none left the snippet comes back unchanged.
    """
    lines, needs_torch = [], False
    for name, text in values.items():
        if isinstance(text, str) and text.strip():
            line, tensor = value_line(name, text)
            lines.append(line)
            needs_torch = needs_torch or tensor
    if not lines:
        return source
    head = [f"# {t('dbg.values_comment', lang)}", *(["import torch"] if needs_torch else []), *lines, ""]
    return "\n".join(head) + "\n" + source
