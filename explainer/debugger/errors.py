"""How a run ends or jumps: the snippet's own error (torch's words), a refusal, a limit, and the
snippet's return / break / continue, carried as exceptions.
"""

from __future__ import annotations

import ast
import reprlib
from typing import TYPE_CHECKING, Any

from explainer.debugger.limits import MAX_SHOWN
from explainer.debugger.sizes import _text_size

if TYPE_CHECKING:
    from explainer.debugger.record import CallInfo


SHORTENED = "shortened: Python would print the whole structure"


class Refused(Exception):
    """A construct outside the subset: named, with its line; nothing was run for it."""

    def __init__(self, construct: str, line: int):
        super().__init__(construct)
        self.construct = construct
        self.line = line
        self.unknown: tuple[str, str, str] | None = None  # (name, why, source) of a value not known here
        # (name, statement): the name to ask a value for, and the statement that binds it, where the
        # value typed stands in (form.bind_values); None when no name of the snippet's holds it
        self.ask: tuple[str, ast.stmt] | None = None


class Limit(Exception):
    """A bound was reached (statements, iterations, time, data size)."""

    def __init__(self, what: str, line: int):
        super().__init__(what)
        self.what = what
        self.line = line


class UserError(Exception):
    """The snippet itself raised: the exception torch (or Python) would raise, and where."""

    def __init__(self, exc: BaseException, line: int, call: CallInfo | None, reason: str | None = None):
        super().__init__(exception_text(exc))
        self.exc = exc
        self.line = line
        self.call = call
        self.reason = reason  # what the checker found behind torch's words ('state_dtype'), if known
        self.stmt_line: int | None = None  # first line of the innermost statement (fixes go before it)
        # the innermost call whose arguments were being evaluated when it failed: (its node, what it
        # calls), so ``cell(x[t], h)`` failing at ``x[t]`` can be explained as a cell's input
        self.outer: tuple[ast.Call, Any] | None = None


class _Control(Exception):
    """return / break / continue: control flow of the snippet, never an error of its own."""


class _Return(_Control):
    def __init__(self, value: Any):
        self.value = value


class _Break(_Control):
    pass


class _Continue(_Control):
    pass


VALUE_CONSTRUCT = "a number that only real data has (a meta tensor's .item())"


def exception_text(exc: BaseException) -> str:
    """str(exc), torch's and Python's own words, unless an argument would print past MAX_SHOWN
    characters (a KeyError whose key is a structure a million elements deep): then its start."""
    if any(_text_size(arg, MAX_SHOWN) > MAX_SHOWN for arg in exc.args if not isinstance(arg, str)):
        shown = reprlib.Repr()  # Python's own shortened repr: "((((...), ...), ...), ...)"
        shown.maxlevel, shown.maxstring = 4, 60
        return f"{', '.join(shown.repr(arg) for arg in exc.args)} [{SHORTENED}]"
    return str(exc)
