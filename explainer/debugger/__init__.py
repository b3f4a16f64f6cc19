"""Shape debugger: torch's own verdict on pasted code, explained in the user's terms, with a fix.

``diagnose_source`` parses the snippet and interprets a whitelisted subset of it on the meta
device (see ``interp``); it never runs the code itself.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

import torch

from explainer.debugger.explain import apply_fix, explain
from explainer.debugger.interp import MAX_SOURCE, Interpreter, Limit, Refused, UserError, warm_up
from explainer.messages import t


@dataclass(frozen=True)
class Finding:
    """A silent mistake: runs without error, gives a wrong model."""

    code: str
    line: int
    message: str


@dataclass
class Diagnosis:
    """What real torch would do with the snippet, where, why, and how to fix it."""

    ok: bool
    error_type: str | None = None
    error: str | None = None
    line: int | None = None
    shapes: dict[str, tuple[int, ...]] = field(default_factory=dict)
    explanation: str = ""
    fix: str | None = None  # the corrected line(s)
    fixed_source: str | None = None  # the whole snippet with the fix in place
    warnings: list[Finding] = field(default_factory=list)
    refused: str | None = None  # the construct this checker will not evaluate, if any
    unresolved: list[str] = field(default_factory=list)  # names the snippet uses but never defines
    steps: list[tuple[int, str, tuple[int, ...]]] = field(default_factory=list)  # (line, name, shape)


_warm = False


def warm_up_once() -> None:
    global _warm
    if not _warm:
        warm_up()
        _warm = True


def _shapes(env: dict) -> dict[str, tuple[int, ...]]:
    return {name: tuple(v.shape) for name, v in env.items() if isinstance(v, torch.Tensor)}


def diagnose_source(source: str, lang: str = "en") -> Diagnosis:
    """Diagnose a snippet of PyTorch RNN code without executing it.

    Returns a Diagnosis: ``ok`` when it would run to the end under real torch; otherwise torch's
    (or Python's) exception type and message verbatim, the failing line, the shapes bound so far,
    an explanation in ``lang`` ('en' or 'zh') and, where one exists, the corrected code.
    """
    if not isinstance(source, str):
        return Diagnosis(False, refused=t("dbg.not_text", lang), explanation=t("dbg.not_text", lang))
    if len(source) > MAX_SOURCE:
        msg = t("dbg.too_long", lang, n=len(source), limit=MAX_SOURCE)
        return Diagnosis(False, refused=msg, explanation=msg)
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, MemoryError, RecursionError) as exc:
        line = getattr(exc, "lineno", None)
        return Diagnosis(
            False, type(exc).__name__, str(exc), line, explanation=t("dbg.syntax", lang, error=str(exc))
        )
    warm_up_once()
    interp = Interpreter(source)  # the time limit starts here
    diagnosis = Diagnosis(True)
    try:
        interp.run(tree)
    except UserError as err:
        diagnosis.ok = False
        diagnosis.error_type = type(err.exc).__name__
        diagnosis.error = str(err.exc)
        diagnosis.line = err.line
        diagnosis.explanation, fix = explain(interp, err, lang)
        if fix is not None:
            diagnosis.fix = fix.code
            diagnosis.fixed_source = apply_fix(interp, fix, err)
    except Refused as ref:
        diagnosis.ok = False
        diagnosis.line = ref.line
        diagnosis.refused = t("dbg.refused", lang, construct=ref.construct, line=ref.line)
        diagnosis.explanation = diagnosis.refused
    except Limit as lim:
        diagnosis.ok = False
        diagnosis.line = lim.line
        diagnosis.refused = t("dbg.limit", lang, what=t(f"what.{lim.what}", lang), line=lim.line)
        diagnosis.explanation = diagnosis.refused
    except RecursionError:
        diagnosis.ok = False
        diagnosis.refused = t("dbg.limit", lang, what=t("what.nesting", lang), line=interp.line)
        diagnosis.explanation = diagnosis.refused
    diagnosis.shapes = _shapes(interp.globals)
    diagnosis.unresolved = sorted(set(interp.unresolved))
    diagnosis.steps = interp.steps
    diagnosis.warnings = [
        Finding(code, line, t(f"dbg.w.{code}", lang, line=line, **params))
        for code, line, params in interp.findings
    ]
    return diagnosis


__all__ = ["Diagnosis", "Finding", "diagnose_source"]
