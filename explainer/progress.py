"""A student's quiz progress as a few characters of the link, so a reload (WeChat reloads often) keeps it.

One character per question of the set on screen: ``r`` first answer right, ``w`` wrong, ``-`` not
answered yet; ``r-w-------`` is question 1 right and question 3 wrong. Only the set (quiz_seed,
level) the link names is written; the questions themselves come from the seed as before.
"""

from __future__ import annotations

from collections.abc import Mapping

KEY = "answered"  # the link's key (a page key: read by the quiz page, never a shared setting)
MARKS = {True: "r", False: "w"}


def encode(scores: Mapping[tuple[int, int, int], bool], seed: int, level: int, count: int) -> str:
    """The set's first verdicts as one character each; "" when none is answered."""
    marks = [MARKS[scores[(seed, level, i)]] if (seed, level, i) in scores else "-" for i in range(count)]
    return "".join(marks).rstrip("-")


def decode(raw: str, seed: int, level: int, count: int) -> dict[tuple[int, int, int], bool]:
    """The verdicts a link carries for this set; anything else in it (a typo, a longer text) is ignored."""
    verdicts = {"r": True, "w": False}
    return {(seed, level, i): verdicts[ch] for i, ch in enumerate(str(raw)[:count]) if ch in verdicts}
