"""Small rendering helpers shared by pages: user text is shown as text, never as markup."""

from __future__ import annotations

import re

MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")


def md_text(text: str) -> str:
    """Escape Markdown (and the HTML it would pass through) so user text renders literally."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)


def numbered(source: str, mark: int | None) -> str:
    """The code with line numbers and an arrow on the failing line."""
    lines = source.splitlines() or [""]
    width = len(str(len(lines)))
    return "\n".join(
        f"{'→' if i == mark else ' '} {i:>{width}} │ {line}" for i, line in enumerate(lines, start=1)
    )


def named_value(name: str, shape: tuple[int, ...], latex: str) -> str:
    """``name = value`` in LaTeX with the shape written under the name, beside the numbers.

    A wide matrix scrolls on a phone; its shape (which matrix_latex notes at the far end) stays
    in view next to its name.
    """
    size = r" \times ".join(str(n) for n in shape) or "1"
    return rf"\underset{{{size}}}{{{name}}} = {latex}"
