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
