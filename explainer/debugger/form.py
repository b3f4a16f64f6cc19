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


def names_to_ask(
    source: str, asked: list[str], unresolved: list[str], given: dict[str, str] | None = None
) -> list[str]:
    """The names to ask values for: those asked before that the code still needs, then new ones.

    A name the code now defines itself (say, after a fix was loaded with the values in front)
    is no longer asked for, unless its value is one the check cannot know: ``given`` maps such a
    name (or an argument as written, ``len(df.columns)``) to the statement where a value typed
    for it stands in (``Diagnosis.unknown``), asked while that statement is still in the code.
    """
    defined = bound_names(source)
    given = given or {}
    out = []
    for name in [*asked, *unresolved]:
        if name in out or name.startswith("__"):
            continue
        if name in given:
            if _statement(source, given[name]) is not None:
                out.append(name)
        elif name not in defined and name.isidentifier():
            out.append(name)
    return out[:MAX_ASKED]


def value_code(name: str, text: str) -> tuple[str, bool]:
    """One value typed for a name, as code: ``32`` or ``torch.randn(5, 3, 10)``; (code, needs torch).

    A whole number or a decimal number is that number; a shape (``(5, 3, 10)``, ``5,3,10``) is a
    float tensor of that shape. The text is parsed here, never evaluated. Raises ConfigError
    naming the name when it is neither.
    """
    value = text.strip() if isinstance(text, str) else ""
    if INT_TEXT.match(value):
        return f"{int(value)}", False
    if value in ("True", "False", "None"):
        return value, False
    if FLOAT_TEXT.match(value) and not INT_TEXT.match(value):
        number = float(value)
        if math.isfinite(number):
            return f"{number!r}", False
    shape = (
        read_shape(value, MAX_DIMS)
        if ("," in value or "(" in value or "[" in value or "x" in value)
        else None
    )
    if shape is None or any(not 1 <= d <= MAX_DIM for d in shape):
        raise ConfigError(name[:40], value[:40], "dbg_value")
    return f"torch.randn{shape if len(shape) > 1 else f'({shape[0]})'}", True


def value_line(name: str, text: str) -> tuple[str, bool]:
    """One value typed for a name, as a line of code: ``batch = 32`` or ``x = torch.randn(5, 3, 10)``.

    Returns (line, needs torch); see ``value_code``.
    """
    if not name.isidentifier() or keyword.iskeyword(name) or name.startswith("__"):
        raise ConfigError("name", name[:40], "dbg_name")
    code, tensor = value_code(name, text)
    return f"{name} = {code}", tensor


def _statement(source: str, text: str) -> ast.stmt | None:
    """The first statement of the source written exactly as ``text``, or None."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return None
    for node in ast.walk(tree):
        if isinstance(node, ast.stmt) and ast.get_source_segment(source, node) == text:
            return node
    return None


def _offset(starts: list[int], line: int, col: int, lines: list[str]) -> int:
    """A character offset in the source from an AST position (col_offset counts UTF-8 bytes)."""
    return starts[line - 1] + len(lines[line - 1].encode()[:col].decode(errors="ignore"))


def _stand_in(source: str, name: str, stmt: ast.stmt, code: str, lang: str) -> list[tuple[int, int, str]]:
    """Where the value typed for ``name`` goes in ``stmt``: (start, end, text) edits of the source.

    ``name = <expr>``: the value replaces ``<expr>``; an argument written as ``name`` (``len(df.columns)``):
    the value replaces it; a name the statement binds otherwise (``rows, cols = df.shape``): a line
    ``name = value`` follows the statement.
    """
    lines = source.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    if isinstance(stmt, (ast.Assign, ast.AnnAssign)):
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
        if len(targets) == 1 and isinstance(targets[0], ast.Name) and targets[0].id == name:
            spots = [stmt.value]
        else:
            spots = []
    else:
        spots = []
    if not spots and not name.isidentifier():
        spots = [
            n
            for n in ast.walk(stmt)
            if isinstance(n, ast.expr)
            and not isinstance(getattr(n, "ctx", None), ast.Store)
            and ast.get_source_segment(source, n) == name
        ]
    end_line = lines[stmt.end_lineno - 1]
    end = _offset(starts, stmt.end_lineno, stmt.end_col_offset, lines)
    alone = not source[starts[stmt.lineno - 1] : _offset(starts, stmt.lineno, stmt.col_offset, lines)].strip()
    alone = alone and not source[end : starts[stmt.end_lineno - 1] + len(end_line)].strip()
    if spots:
        edits = [
            (
                _offset(starts, n.lineno, n.col_offset, lines),
                _offset(starts, n.end_lineno, n.end_col_offset, lines),
                code,
            )
            for n in spots
        ]
        if alone:
            was = " ".join((ast.get_source_segment(source, spots[0]) or name).split())[:60]
            edits.append((end, end, f"  # {t('dbg.given_for', lang, expr=was)}"))
        return edits
    if alone and name.isidentifier() and name in _binds(stmt):
        indent = lines[stmt.lineno - 1][: stmt.col_offset]  # blanks only: the statement is alone
        at = starts[stmt.end_lineno - 1] + len(end_line)
        newline = "" if end_line.endswith("\n") else "\n"
        return [(at, at, f"{newline}{indent}{name} = {code}  # {t('dbg.values_comment', lang)}\n")]
    return []


def _binds(stmt: ast.stmt) -> set[str]:
    """The names a simple statement binds (assignment targets, imports), not those of nested blocks."""
    if isinstance(stmt, (ast.Import, ast.ImportFrom)):
        return {(a.asname or a.name).split(".")[0] for a in stmt.names}
    if isinstance(stmt, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
        return {n.id for t_ in targets for n in ast.walk(t_) if isinstance(n, ast.Name)}
    return set()


def bind_values(
    source: str, values: dict[str, str], lang: str = "en", given: dict[str, str] | None = None
) -> str:
    """The snippet with the values typed for its names put in, as code.

    A name the snippet never defines gets an assignment in front of it; a value the check could
    not know (``given``: the name, or argument as written, -> the statement binding it, from
    ``Diagnosis.unknown``) stands in at that statement (see ``_stand_in``). Empty values are
    skipped; with none left the snippet comes back unchanged.
    """
    given = given or {}
    lines, edits, needs_torch = [], [], False
    for name, text in values.items():
        if not (isinstance(text, str) and text.strip()):
            continue
        stmt = _statement(source, given[name]) if name in given else None
        if stmt is not None:
            code, tensor = value_code(name, text)
            placed = _stand_in(source, name, stmt, code, lang)
            edits.extend(placed)
            needs_torch = needs_torch or (tensor and bool(placed))
            continue
        if name in given:
            continue  # its statement is gone from the code: nothing to stand in for
        line, tensor = value_line(name, text)
        lines.append(line)
        needs_torch = needs_torch or tensor
    needs_torch = needs_torch and (bool(lines) or "torch" not in bound_names(source))
    for start, end, text in sorted(edits, reverse=True):
        source = source[:start] + text + source[end:]
    if not lines and not needs_torch:
        return source  # values that stand in where computed: the lines keep their numbers
    head = [f"# {t('dbg.values_comment', lang)}", *(["import torch"] if needs_torch else []), *lines, ""]
    return "\n".join(head) + "\n" + source
