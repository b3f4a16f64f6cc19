"""The debugger's corpus of real code (tests/debugger_corpus): each file run by real torch, the oracle.

Shared by tests/test_debugger_corpus.py and bench/run.py. Real torch runs in a separate Python
process that imports torch once and forks one child per file (fresh state each, a timeout each),
so a file that hangs or changes torch's global settings cannot touch the test process or the
next file. The checker is never given the real run's results: it only reads the same text.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "debugger_corpus"
FILE_TIMEOUT_S = 60  # per file; a corpus file runs in well under a second when the machine is idle

# Runs in its own interpreter: argv = the corpus files; prints one JSON line per file.
_RUNNER = r"""
import json, os, signal, sys, time, traceback, warnings
import torch
import numpy, torch.nn.functional, torch.optim, torch.utils.data, torch.nn.utils.rnn  # once, before forking
# An optimizer's constructor imports torch._dynamo (~800 modules, ~1.5 s): once here, not in each child
import torch._dynamo
torch.set_num_threads(1)
warnings.simplefilter("ignore")
timeout = int(sys.argv[1])
for path in sys.argv[2:]:
    start = time.perf_counter()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        signal.alarm(timeout)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)  # the snippet's prints
        os.dup2(devnull, 2)
        torch.manual_seed(0)
        source = open(path).read()
        result = {"ok": True, "error_type": None, "error": None, "line": None}
        try:
            exec(compile(source, "<snippet>", "exec"), {"__name__": "__main__"})
        except BaseException as exc:
            frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == "<snippet>"]
            line = frames[-1].lineno if frames else getattr(exc, "lineno", None)  # SyntaxError: no frame
            result = {"ok": False, "error_type": type(exc).__name__, "error": str(exc), "line": line}
        os.write(write, json.dumps(result).encode())
        os._exit(0)
    os.close(write)
    chunks = []
    while chunk := os.read(read, 65536):
        chunks.append(chunk)
    os.close(read)
    _, status = os.waitpid(pid, 0)
    data = b"".join(chunks)
    killed = {"ok": False, "error_type": "Killed", "error": str(status), "line": None}
    result = json.loads(data) if data else killed
    result["seconds"] = round(time.perf_counter() - start, 3)  # for the record; no verdict reads it
    print(json.dumps({"path": path, **result}), flush=True)
"""


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.py"))


def real_verdicts(paths: list[Path]) -> dict[str, dict]:
    """{file name: real torch's verdict}: ok, or the exception's type, message and snippet line."""
    if not paths:
        return {}
    out = subprocess.run(
        [sys.executable, "-c", _RUNNER, str(FILE_TIMEOUT_S), *map(str, paths)],
        capture_output=True,
        text=True,
        check=True,
        timeout=FILE_TIMEOUT_S * len(paths) + 60,
    )
    verdicts = {}
    for line in out.stdout.splitlines():
        result = json.loads(line)
        verdicts[Path(result.pop("path")).name] = result
    return verdicts


def checker_verdict(source: str):
    """The debugger's Diagnosis of the text, in this process (as the other debugger tests do)."""
    from explainer.debugger import diagnose_source

    return diagnose_source(source, "en")


# a SyntaxError's "(file name, line N)": the file name is whatever the caller compiled it as
_WHERE = re.compile(r" \([^()]*, line \d+\)$")


def _message(error: str | None) -> str | None:
    return _WHERE.sub("", error) if error else error


def compare(real: dict, diagnosis) -> str:
    """'right' when the checker's verdict equals torch's, 'refused' when it would not say, else 'wrong'.

    Equal means both ran to the end, or both raised the same exception type with the same message
    on the same line (a SyntaxError's message compared without the file name Python puts in it).
    """
    if diagnosis.refused is not None:
        return "refused"
    got = (diagnosis.ok, diagnosis.error_type, _message(diagnosis.error), diagnosis.line)
    want = (real["ok"], real["error_type"], _message(real["error"]), real["line"])
    return "right" if got == want else "wrong"
