"""What a page asks the core to compute: one module, one input, one dtype and device, validated once.

The trace, the textbook variants, the cell loop, the input and the gradients all take a ``Setting``
instead of eight values by position; the caches key on it (frozen, hashable, plain fields).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, TypeVar

import torch

from explainer import run
from explainer.config import LIMITS, ConfigError, RNNConfig, check_int
from explainer.inputs import SOURCES, check_text

# torch's names for the dtypes a trace runs in.
DTYPES = {"float32": torch.float32, "float64": torch.float64}

T = TypeVar("T")


@dataclass(frozen=True)
class Setting:
    """A module (``cfg``) run on one input: torch's letters L = ``seq_len``, N = ``batch_size``.

    ``source`` picks the input (seeded noise, a sine wave, ``text`` through nn.Embedding); a
    text sets L (one step per character) and N (a batch of one), here, once. ``dtype`` and
    ``device`` are torch's names (``"float64"``, ``"cuda:0"``); ``"auto"`` becomes CUDA when
    present, and ``"cuda"`` without a GPU becomes ``"cpu"``.

    Raises:
        ConfigError: naming the first field that breaks a rule, in the user's language by
            ``err.localized(lang)``.
    """

    cfg: RNNConfig
    seq_len: int  # L
    batch_size: int | None  # N; None: unbatched
    source: str = "random"
    seed: int = 0  # weights and input, from local generators
    text: str = "hello world"  # the input when source == "text"
    dtype: str = "float32"
    device: str = "auto"

    def __post_init__(self) -> None:
        if not isinstance(self.cfg, RNNConfig):
            raise TypeError(f"cfg must be an RNNConfig, not {type(self.cfg).__name__}")
        check_int("seq_len", self.seq_len, *LIMITS["seq_len"])
        if self.batch_size is not None:
            check_int("batch_size", self.batch_size, *LIMITS["batch_size"])
        if self.source not in SOURCES:
            raise ConfigError("source", self.source, "choice", choices=", ".join(SOURCES))
        check_int("seed", self.seed, *LIMITS["seed"])
        if self.source == "text":  # one step per character, a batch of one: known before any allocation
            object.__setattr__(self, "seq_len", len(check_text(self.text)))
            object.__setattr__(self, "batch_size", None if self.batch_size is None else 1)
        if self.dtype not in DTYPES:
            raise ConfigError("dtype", self.dtype, "choice", choices=", ".join(DTYPES))
        object.__setattr__(self, "device", str(_device(self.device)))

    @property
    def torch_dtype(self) -> torch.dtype:
        return DTYPES[self.dtype]

    @property
    def torch_device(self) -> torch.device:
        return torch.device(self.device)

    @property
    def batched(self) -> bool:
        return self.batch_size is not None


def _device(device: Any) -> torch.device:
    """The device a setting runs on (run.resolve_device), or ConfigError for a name torch refuses."""
    if device is not None and not isinstance(device, (str, torch.device)):
        raise ConfigError("device", type(device).__name__, "choice", choices="auto, cpu, cuda")
    try:
        return run.resolve_device(device)
    except RuntimeError:  # torch.device("gpu"): torch's own refusal of the name
        raise ConfigError("device", device, "choice", choices="auto, cpu, cuda") from None


def with_cpu_fallback(fn: Callable[..., T]) -> Callable[..., T]:
    """``run.with_cpu_fallback`` for a function of a Setting: when CUDA fails, the same setting on the CPU.

    The result's ``fallback`` says why; the function sees the device it actually ran on.
    """

    @run.with_cpu_fallback
    def on_device(setting: Setting, *args: Any, device: Any = None, **kwargs: Any) -> T:
        return fn(replace(setting, device=str(device)), *args, **kwargs)

    @functools.wraps(fn)
    def call(setting: Setting, *args: Any, **kwargs: Any) -> T:
        return on_device(setting, *args, device=setting.device, **kwargs)

    return call
