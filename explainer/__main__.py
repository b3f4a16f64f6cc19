"""Command line: ``python -m explainer diagnose FILE [--lang zh]``.

Prints the same verdict, explanation, fix and warnings as the debugger page; exits 1 when torch
would fail on the file, 2 when the file cannot be checked, 0 otherwise.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from explainer.debugger import Diagnosis
from explainer.debugger.isolate import diagnose
from explainer.i18n import t


def render(d: Diagnosis, path: str, lang: str) -> str:
    out = []
    if d.ok:
        out.append(t("cli.ok", lang, path=path))
    elif d.refused:
        out.append(d.refused)
    else:
        out.append(f"{path}:{d.line}: {d.error_type}: {d.error}")
        out.append("")
        out.append(d.explanation)
        if d.fix:
            out += ["", t("cli.fix", lang), *("    " + ln for ln in d.fix.splitlines())]
            after = d.after_fix  # the fixed code checked in turn: what torch would raise next, if anything
            if after is not None and after.ok:
                out.append(t("dbgp.after_ok", lang))
            elif after is not None and after.error_type:
                out.append(t("dbgp.after_error", lang, line=after.line, kind=after.error_type))
                out.append(f"    {after.error_type}: {after.error}")
    for w in d.warnings:
        out.append(f"{path}:{w.line}: {t('cli.warning', lang)} [{w.code}] {w.message}")
        if w.fix:
            out += [t("cli.fix", lang), *("    " + ln for ln in w.fix.splitlines())]
    if d.shapes:
        out += ["", t("cli.shapes", lang)] + [f"    {name}: {shape}" for name, shape in d.shapes.items()]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m explainer")
    sub = parser.add_subparsers(dest="command", required=True)
    diag = sub.add_parser("diagnose", help="check a PyTorch RNN script's shapes without running it")
    diag.add_argument("file")
    diag.add_argument("--lang", choices=("en", "zh"), default="en")
    args = parser.parse_args(argv)
    try:
        source = Path(args.file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        print(f"{args.file}: {err}", file=sys.stderr)
        return 2
    d = diagnose(source, args.lang)  # the page's worker limits apply here too
    print(render(d, args.file, args.lang))
    if d.refused:
        return 2
    return 0 if d.ok else 1


if __name__ == "__main__":
    sys.exit(main())
