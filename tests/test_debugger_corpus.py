"""The debugger against real code (issue 11, item 8): every corpus file's verdict equals real torch's.

Each file in tests/debugger_corpus is real code from a public thread or repository (its URL in
its first line), made self-contained with random data. Real torch runs it in a subprocess
(tests/corpus.py); the checker reads the same text. A verdict is RIGHT when both say "ok" or
both raise the same type with the same message on the same line, REFUSED when the checker
declines (allowed, counted by `make bench`), WRONG otherwise: a WRONG verdict fails the test.
"""

import pytest
from corpus import checker_verdict, compare, corpus_files, real_verdicts

FILES = corpus_files()
# file name -> why the checker is still wrong there (strict: once fixed, the entry must go)
XFAIL: dict[str, str] = {}


@pytest.fixture(scope="module")
def real():
    return real_verdicts(FILES)


@pytest.fixture(autouse=True, scope="module")
def _warm():
    from explainer.debugger import warm_up_once

    warm_up_once()


def test_corpus_is_large_and_sourced():
    assert len(FILES) >= 80
    for path in FILES:
        first = path.read_text().splitlines()[0]
        assert first.startswith("# Source: http"), path.name


@pytest.mark.parametrize(
    "path",
    [
        pytest.param(p, id=p.stem, marks=pytest.mark.xfail(strict=True, reason=XFAIL[p.name]))
        if p.name in XFAIL
        else pytest.param(p, id=p.stem)
        for p in FILES
    ],
)
def test_verdict_is_torchs_or_a_refusal(path, real):
    want = real[path.name]
    assert want["error_type"] != "Killed", f"real torch did not finish {path.name}: {want}"
    d = checker_verdict(path.read_text())
    verdict = compare(want, d)
    got = {"ok": d.ok, "error_type": d.error_type, "error": d.error, "line": d.line, "refused": d.refused}
    assert verdict != "wrong", f"torch: {want}\nchecker: {got}"
