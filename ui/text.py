"""Text a user or a link typed, shown inside our sentences as plain text; refusals in their language."""

from __future__ import annotations

import unicodedata

import explainer as ex
from ui.render import md_text


def literal(text: str) -> str:
    """User text inside a Markdown message, shown as typed: no markup, link, image, emoji or entity.

    Format characters (a right-to-left override, a zero-width joiner) are shown by their code
    (``\\u202e``): inside one of our sentences they would reorder or hide its words.
    """
    text = "".join(f"\\u{ord(ch):04x}" if unicodedata.category(ch) == "Cf" else ch for ch in str(text))
    return md_text(" ".join(text.split())).replace("&", "\\&").replace(":", "\\:")


def error_text(err: ex.ConfigError, lang: str) -> str:
    """The refusal in ``lang``, with the value the user typed (or the link carried) shown literally."""
    message = err.localized(lang)
    if isinstance(err.value, str):  # ConfigError shows a text value as its repr
        shown = repr(err.value)
        message = message.replace(shown, literal(shown))
    return message
