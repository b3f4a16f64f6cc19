"""Every message exists in both languages with the same placeholders, and every key used exists."""

import re
import string
from pathlib import Path

import pytest

from explainer import i18n

ROOT = Path(__file__).resolve().parents[1]


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(i18n.MESSAGES))
def test_both_languages_present_with_same_placeholders(key):
    en, zh = i18n.MESSAGES[key]
    assert en.strip() and zh.strip()
    assert placeholders(en) == placeholders(zh)


def test_chinese_is_chinese():
    """A zh entry that is a copy of the English one is a missing translation (names excepted)."""
    same = [k for k, (en, zh) in i18n.MESSAGES.items() if en == zh and re.search(r"[a-z]{4} [a-z]{4}", en)]
    assert same == []


def used_keys() -> set[str]:
    pattern = re.compile(r"""\bt\(\s*f?["']([\w.]+)["']""")
    keys = set()
    for path in [
        *ROOT.glob("explainer/**/*.py"),
        *ROOT.glob("ui/*.py"),
        *ROOT.glob("views/*.py"),
        ROOT / "app.py",
    ]:
        keys |= set(pattern.findall(path.read_text(encoding="utf-8")))
    return keys


def test_every_literal_key_in_the_code_exists():
    missing = sorted(k for k in used_keys() if k not in i18n.MESSAGES and not k.endswith("."))
    assert missing == []


def test_unknown_language_falls_back_to_english():
    assert i18n.t("nav.home", "fr") == i18n.t("nav.home", "en")
