"""Shape debugger: torch's own verdict on pasted code, explained in the user's terms, with a fix.

``diagnose_source`` parses the snippet and interprets a whitelisted subset of it on the meta
device (see ``interp``); it never runs the code itself.
"""

from __future__ import annotations

import ast
import csv
import io
import logging
from dataclasses import dataclass, field

import torch

from explainer import quiet
from explainer.debugger.errors import Limit, Refused, UserError
from explainer.debugger.explain import IMPORTS, explain
from explainer.debugger.findings import Finding, explain_findings
from explainer.debugger.fixes import placed
from explainer.debugger.interp import Interpreter
from explainer.debugger.limits import MAX_SOURCE
from explainer.debugger.meta import warm_up
from explainer.debugger.record import Run
from explainer.i18n import t


@dataclass
class Unknown:
    """A value the check needed and could not know (a file's contents, what pandas read): named,
    and, where the snippet gave it a name, asked for."""

    name: str  # the name the snippet gave it ('vocab_size'), else how it wrote it ('df.columns')
    line: int  # where its value was needed
    why: str  # a key of pylib.WHY: 'module', 'file', 'picked'
    source: str = ""  # the module it came from, for 'module'
    # the statement that binds the name, as written (``vocab_size = len(text)``): a value typed for
    # the name stands in there (form.bind_values); None when there is no name to ask for
    statement: str | None = None
    statement_line: int | None = None

    @property
    def asked(self) -> bool:
        return self.statement is not None


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
    unknown: Unknown | None = None  # the value a refusal needed and could not know, if that was why
    steps: list[tuple[int, str, tuple[int, ...]]] = field(default_factory=list)  # (line, name, shape)
    work: float = 0.0  # estimated seconds of checking it took, counted (limits.WORK_LIMIT_S bounds it)
    # the fixed source checked in turn: what torch would do once the fix is in (None: no fix)
    after_fix: Diagnosis | None = None

    def steps_csv(self) -> str:
        """The line-by-line shape table as CSV: line, name, shape, then one column per axis."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        width = max((len(shape) for _, _, shape in self.steps), default=0)
        writer.writerow(["line", "name", "shape", *(f"dim{i}" for i in range(width))])
        for line, name, shape in self.steps:
            writer.writerow([line, name, str(tuple(shape)), *shape, *([""] * (width - len(shape)))])
        return out.getvalue()


_warm = False
log = logging.getLogger(__name__)


def warm_up_once() -> None:
    global _warm
    if not _warm:
        warm_up()
        _warm = True


def _shapes(env: dict) -> dict[str, tuple[int, ...]]:
    return {name: tuple(v.shape) for name, v in env.items() if isinstance(v, torch.Tensor)}


def _explain(run: Run, err: UserError, lang: str) -> tuple[str, str | None, str | None]:
    """(explanation, fix, fixed source): the fix only when the fixed source parses as Python."""
    try:
        text, fix = explain(run, err, lang)
    except Exception:  # noqa: BLE001 - an explanation must never turn into a traceback on the page
        log.exception("explaining %s failed", type(err.exc).__name__)
        shapes = ", ".join(
            str(tuple(a.shape)) for a in (err.call.args if err.call else ()) if torch.is_tensor(a)
        )
        return t("dbg.generic", lang, kind=type(err.exc).__name__, shapes=shapes or "—"), None, None
    return (text, *placed(run, fix))


def _unknown(ref: Refused, source: str) -> Unknown:
    """What the refusal could not know, with the name to ask for and the statement binding it."""
    label, why, module = ref.unknown
    if ref.ask is None:
        return Unknown(label, ref.line, why, module)
    name, stmt = ref.ask
    text = ast.get_source_segment(source, stmt)
    return Unknown(name, ref.line, why, module, text, stmt.lineno if text else None)


def diagnose_source(source: str, lang: str = "en", follow_fix: bool = True) -> Diagnosis:
    """Diagnose a snippet of PyTorch RNN code without executing it.

    Returns a Diagnosis: ``ok`` when it would run to the end under real torch; otherwise torch's
    (or Python's) exception type and message verbatim, the failing line, the shapes bound so far,
    an explanation in ``lang`` ('en' or 'zh') and, where one exists, the corrected code, itself
    checked (``after_fix``), so a fix that fails one line later says so before it is applied.
    """
    if not isinstance(source, str):
        return Diagnosis(False, refused=t("dbg.not_text", lang), explanation=t("dbg.not_text", lang))
    if len(source) > MAX_SOURCE:
        msg = t("dbg.too_long", lang, n=len(source), limit=MAX_SOURCE)
        return Diagnosis(False, refused=msg, explanation=msg)
    try:
        tree = ast.parse(source)
        # the compiler's own checks too ('return' outside a function, 'break' outside a loop), as
        # Python makes them before running anything; the code object is thrown away, never run
        with quiet.ignored():  # its SyntaxWarnings ('int' is not subscriptable) are noise here
            compile(tree, "<snippet>", "exec", dont_inherit=True)
    except (SyntaxError, ValueError, MemoryError, RecursionError) as exc:
        line = getattr(exc, "lineno", None)
        return Diagnosis(
            False, type(exc).__name__, str(exc), line, explanation=t("dbg.syntax", lang, error=str(exc))
        )
    warm_up_once()
    interp = Interpreter(source)  # the time limit starts here
    diagnosis = Diagnosis(True)
    run = None  # what the run produced, taken once it stopped: all that is read of it from here on
    try:
        interp.run(tree)
    except UserError as err:
        diagnosis.ok = False
        diagnosis.error_type = type(err.exc).__name__
        diagnosis.error = str(err)  # torch's words, as UserError kept them (shortened past MAX_SHOWN)
        diagnosis.line = err.line
        run = interp.result()
        diagnosis.explanation, diagnosis.fix, diagnosis.fixed_source = _explain(run, err, lang)
        if follow_fix and diagnosis.fixed_source is not None:
            # one level only: the page offers the next fix after the learner applies this one
            diagnosis.after_fix = diagnose_source(diagnosis.fixed_source, lang, follow_fix=False)
    except Refused as ref:
        diagnosis.ok = False
        diagnosis.line = ref.line
        diagnosis.refused = t("dbg.refused", lang, construct=ref.construct, line=ref.line)
        if ref.unknown is not None:  # a value the run carried but never had: named, and asked for
            diagnosis.unknown = unknown = _unknown(ref, source)
            reason = t(f"dbg.why.{unknown.why}", lang, source=unknown.source)
            if unknown.asked:
                key = "dbg.unknown_value" if unknown.statement_line == ref.line else "dbg.unknown_value_at"
            else:
                key = "dbg.unknown_value_expr"
            diagnosis.refused = t(
                key, lang, line=ref.line, name=unknown.name, why=reason, at=unknown.statement_line
            )
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
    if run is None:
        run = interp.result()
    diagnosis.shapes = _shapes(run.globals)
    diagnosis.unresolved = sorted(set(run.unresolved) - set(IMPORTS))  # those want an import, not a value
    diagnosis.steps = run.steps
    diagnosis.work = run.work
    diagnosis.warnings = explain_findings(run, lang)
    return diagnosis


__all__ = ["Diagnosis", "Finding", "Unknown", "diagnose_source"]
