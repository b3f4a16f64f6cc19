"""One frozen config for every size and flag, validated once, named like torch's arguments."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields
from typing import Any

from explainer.i18n import t

MODES = ("RNN", "LSTM", "GRU")
NONLINEARITIES = ("tanh", "relu")

# Gate rows stacked in each weight matrix: torch's order, written once.
GATES = {"RNN": ("",), "LSTM": ("i", "f", "g", "o"), "GRU": ("r", "z", "n")}

# The app's documented limits. They keep one request from stalling a shared
# classroom server; torch itself would accept larger values.
LIMITS = {
    "input_size": (1, 1024),
    "hidden_size": (1, 1024),
    "num_layers": (1, 8),
    "seq_len": (1, 512),
    "batch_size": (1, 256),
    "seed": (0, 2**31 - 1),
}
MAX_PARAMETERS = 8_000_000  # 32 MB of float32 weights per module


class ConfigError(ValueError):
    """A rejected setting: names the field, the value and the rule.

    ``str(err)`` is English; ``err.localized("zh")`` gives the same message in Chinese.
    """

    def __init__(self, field: str, value: Any, rule: str, **params: Any):
        self.field = field
        self.value = value
        self.rule = rule
        self.params = params
        super().__init__(self.localized("en"))

    def localized(self, lang: str) -> str:
        rule = t(f"rule.{self.rule}", lang, field=self.field, value=self.value, **self.params)
        return t("config_error", lang, field=self.field, value=_show(self.value), rule=rule)


def _show(value: Any) -> str:
    return repr(value) if isinstance(value, str) else str(value)


def check_int(field: str, value: Any, lo: int, hi: int) -> int:
    """Return ``value`` if it is an int within [lo, hi], else raise ConfigError."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ConfigError(field, value, "int", lo=lo, hi=hi)
    if not lo <= value <= hi:
        raise ConfigError(field, value, "range", lo=lo, hi=hi)
    return value


def check_bool(field: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(field, value, "bool")
    return value


@dataclass(frozen=True)
class RNNConfig:
    """Constructor arguments of nn.RNN / nn.LSTM / nn.GRU, plus which of the three."""

    mode: str
    input_size: int
    hidden_size: int
    num_layers: int = 1
    bidirectional: bool = False
    batch_first: bool = False
    bias: bool = True
    nonlinearity: str = "tanh"
    dropout: float = 0.0
    proj_size: int = 0

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ConfigError("mode", self.mode, "choice", choices=", ".join(MODES))
        for name in ("input_size", "hidden_size", "num_layers"):
            check_int(name, getattr(self, name), *LIMITS[name])
        for name in ("bidirectional", "batch_first", "bias"):
            check_bool(name, getattr(self, name))
        if self.nonlinearity not in NONLINEARITIES:
            raise ConfigError("nonlinearity", self.nonlinearity, "choice", choices=", ".join(NONLINEARITIES))
        if self.mode != "RNN" and self.nonlinearity != "tanh":
            raise ConfigError("nonlinearity", self.nonlinearity, "rnn_only", mode=self.mode)
        d = self.dropout
        if isinstance(d, bool) or not isinstance(d, (int, float)) or math.isnan(d):
            raise ConfigError("dropout", d, "number")
        if not 0.0 <= d <= 1.0:
            raise ConfigError("dropout", d, "dropout_range")
        object.__setattr__(self, "dropout", float(d))
        if isinstance(self.proj_size, bool) or not isinstance(self.proj_size, int):
            raise ConfigError("proj_size", self.proj_size, "int", lo=0, hi=self.hidden_size - 1)
        if self.proj_size < 0:
            raise ConfigError("proj_size", self.proj_size, "range", lo=0, hi=self.hidden_size - 1)
        if self.proj_size > 0 and self.mode != "LSTM":
            raise ConfigError("proj_size", self.proj_size, "lstm_only", mode=self.mode)
        if self.proj_size >= self.hidden_size:
            raise ConfigError("proj_size", self.proj_size, "proj_lt_hidden", hidden_size=self.hidden_size)
        count = self.parameter_count
        if count > MAX_PARAMETERS:
            raise ConfigError(
                "hidden_size",
                self.hidden_size,
                "too_many_params",
                count=f"{count:,}",
                limit=f"{MAX_PARAMETERS:,}",
            )

    # torch's letters (see nn.RNN's docstring), derived once here.
    @property
    def D(self) -> int:
        """Number of directions."""
        return 2 if self.bidirectional else 1

    @property
    def H_out(self) -> int:
        """Width of h: proj_size when projecting, else hidden_size."""
        return self.proj_size or self.hidden_size

    @property
    def H_cell(self) -> int:
        """Width of the LSTM cell state c: always hidden_size."""
        return self.hidden_size

    @property
    def gates(self) -> tuple[str, ...]:
        return GATES[self.mode]

    @property
    def G(self) -> int:
        """Gate blocks stacked in each weight: 1 (RNN), 4 (LSTM), 3 (GRU)."""
        return len(self.gates)

    @property
    def parameter_count(self) -> int:
        """Number of scalars in ``named_parameters()``, without building the module."""
        rows = self.G * self.hidden_size
        total = 0
        for layer in range(self.num_layers):
            in_width = self.input_size if layer == 0 else self.D * self.H_out
            per_dir = rows * in_width + rows * self.H_out
            if self.bias:
                per_dir += 2 * rows
            if self.proj_size:
                per_dir += self.proj_size * self.hidden_size
            total += self.D * per_dir
        return total

    def module_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for torch's constructor (only those this mode accepts)."""
        kw = asdict(self)
        del kw["mode"]
        if self.mode != "RNN":
            del kw["nonlinearity"]
        if self.mode != "LSTM":
            del kw["proj_size"]
        return kw


FIELDS = tuple(f.name for f in fields(RNNConfig))
