"""Inputs to watch a layer on: seeded noise, a sine wave, or text through nn.Embedding."""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

import torch
from torch import nn

from explainer.config import ConfigError, RNNConfig

if TYPE_CHECKING:
    from explainer.setting import Setting

SOURCES = ("random", "sine", "text")
MAX_TEXT = 64
SINE_PERIOD = 12.0  # timesteps per cycle


# What a one-line text may not hold: control characters (newline, tab, NUL, ...), line and
# paragraph separators, and lone surrogates (no UTF-8 for them). Everything else shows as text,
# including format characters (ZWJ in 👨‍👩‍👧, RTL marks) and spaces such as the full-width U+3000,
# which str.isprintable() would refuse.
REFUSED_CATEGORIES = frozenset(("Cc", "Zl", "Zp", "Cs"))


def check_text(text: object) -> str:
    """1 to 64 characters that show as text (the 'hello world' character setting of the seed article).

    Raises:
        ConfigError: naming ``text``, the value (shown by its repr, which escapes what is unseen)
            and the rule, with the first refused character's code point.
    """
    if not isinstance(text, str) or not 1 <= len(text) <= MAX_TEXT:
        raise ConfigError(
            "text", text if isinstance(text, str) else type(text).__name__, "text_len", hi=MAX_TEXT
        )
    bad = next((ch for ch in text if unicodedata.category(ch) in REFUSED_CATEGORIES), None)
    if bad is not None:
        raise ConfigError("text", text, "text_printable", char=f"U+{ord(bad):04X}")
    return text


def _label(ch: str) -> str:
    if ch.isspace():
        return "␣"
    return f"U+{ord(ch):04X}" if unicodedata.category(ch) == "Cf" else ch


@dataclass(frozen=True)
class InputData:
    """The tensor fed to the module (in the module's layout) and a label per timestep."""

    x: torch.Tensor
    time_labels: list[str]
    seq_len: int
    batch_size: int | None  # None: unbatched


def _layout(cfg: RNNConfig, x_tf: torch.Tensor, batched: bool) -> torch.Tensor:
    """(L, N, H_in) time-first -> what the module expects."""
    if not batched:
        return x_tf[:, 0]  # (L, H_in)
    return x_tf.transpose(0, 1).contiguous() if cfg.batch_first else x_tf


def make_input(setting: Setting) -> InputData:
    """Build the input on the CPU from a local generator (same seed, same numbers, any session).

    A text is one step per character and a batch of one (the Setting has set L and N from it).
    """
    cfg, source, seq_len, batch_size = setting.cfg, setting.source, setting.seq_len, setting.batch_size
    gen = torch.Generator().manual_seed(setting.seed + 1)
    batched = batch_size is not None
    n = batch_size or 1
    if source == "random":
        x = torch.randn(seq_len, n, cfg.input_size, generator=gen)  # (L, N, H_in)
        labels = [str(t) for t in range(seq_len)]
    elif source == "sine":
        # Feature j is the wave j steps later; batch item b starts at its own phase.
        t = torch.arange(seq_len, dtype=torch.float64)[:, None, None]  # (L, 1, 1)
        j = torch.arange(cfg.input_size, dtype=torch.float64)[None, None, :]  # (1, 1, H_in)
        phase = torch.rand(1, n, 1, generator=gen, dtype=torch.float64) * SINE_PERIOD  # (1, N, 1)
        x = torch.sin(2 * math.pi * (t + j + phase) / SINE_PERIOD).float()  # (L, N, H_in)
        labels = [str(t) for t in range(seq_len)]
    elif source == "text":
        text = setting.text
        vocab = sorted(set(text))
        ids = torch.tensor([vocab.index(ch) for ch in text])  # (L,)
        embedding = nn.Embedding(len(vocab), cfg.input_size, device="meta").to_empty(device="cpu")
        with torch.no_grad():
            embedding.weight.copy_(torch.randn(len(vocab), cfg.input_size, generator=gen))
            x = embedding(ids)[:, None, :]  # (L, 1, H_in)
        # one step per code point: a space shows as ␣, an unseen format character (ZWJ) by its code
        labels = [_label(ch) for ch in text]
    else:
        raise ConfigError("source", source, "choice", choices=", ".join(SOURCES))
    return InputData(_layout(cfg, x.to(setting.torch_dtype), batched), labels, seq_len, batch_size)
