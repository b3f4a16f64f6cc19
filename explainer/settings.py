"""Settings as they travel in a shareable URL: parse forgivingly, validate strictly, note every fallback."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from explainer.config import FIELDS, LIMITS, ConfigError, RNNConfig, check_int
from explainer.i18n import LANGS, t
from explainer.inputs import MAX_TEXT, SOURCES, check_text
from explainer.patterns import PATTERNS
from explainer.shapes import check_input_sizes
from explainer.train import DEMOS

# The opening example of the seed articles: nn.LSTM(10, 20, 2) on input (5, 3, 10).
DEFAULTS: dict[str, Any] = {
    "mode": "LSTM",
    "input_size": 10,
    "hidden_size": 20,
    "num_layers": 2,
    "bidirectional": False,
    "batch_first": False,
    "bias": True,
    "nonlinearity": "tanh",
    "dropout": 0.0,
    "proj_size": 0,
    "seq_len": 5,
    "batch_size": 3,
    "unbatched": False,
    "pass_hx": False,
    "seed": 0,
    # what the hidden-state and equation pages look at
    "source": "random",
    "text": "hello world",
    "dtype": "float32",
    "quantity": "h",
    "layer": 0,
    "direction": 0,
    "t": 0,
    "item": 0,
    # the quiz: a question set is (quiz_seed, level); question is the one on screen
    "quiz_seed": 0,
    "level": 1,
    "question": 0,
    # the packed-sequences page
    "lengths": "5, 3, 2",
    "enforce_sorted": False,
    # projector: larger type, no sidebar, one figure per screen
    "present": False,
    # the training demos
    "demo": "char",
    # the gradients page: the scale of weight_hh, the LSTM forget-gate bias, clip_grad_norm_'s max_norm
    "hh_scale": 1.0,
    "forget_bias": "torch",
    "max_norm": 1.0,
    # the task-patterns page
    "pattern": "many_to_one",
}
VIEW = ("layer", "direction", "t", "item")  # positions within the current shapes: clamped, not rejected
BOOLS = {k for k, v in DEFAULTS.items() if isinstance(v, bool)}
INTS = {k for k, v in DEFAULTS.items() if isinstance(v, int) and not isinstance(v, bool)}
APP_KEYS = {"lang", "device"}
PAGE_KEYS = {"example", "answered"}  # read by one page from its own link (the debugger's example,
# the quiz's progress), not a setting
DEVICES = ("auto", "cpu", "cuda")
TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off"}
MAX_RAW_LEN = 32
FLOATS = {"dropout", "hh_scale", "max_norm"}


@dataclass(frozen=True)
class Note:
    """A value from the URL that was replaced; shown to the user, never raised."""

    error: ConfigError | None
    default: Any = None
    unknown: str | None = None

    def localized(self, lang: str) -> str:
        if self.unknown is not None:
            return t("note.unknown", lang, name=self.unknown[:MAX_RAW_LEN])
        return t("note.fallback", lang, msg=self.error.localized(lang), default=self.default)


DTYPES = ("float32", "float64")


def _parse_one(name: str, raw: str) -> Any:
    if name == "text":
        return raw[: MAX_TEXT + 1]  # kept as typed; check_text judges it
    if name == "lengths":
        return raw[:121]  # parse_lengths judges it
    raw = raw.strip()[:MAX_RAW_LEN]
    if name in BOOLS:
        if raw.lower() in TRUE_WORDS:
            return True
        if raw.lower() in FALSE_WORDS:
            return False
        raise ConfigError(name, raw, "bool")
    if name in INTS:
        try:
            return int(raw)
        except ValueError:
            lo, hi = LIMITS.get(name, (0, 10**9))
            raise ConfigError(name, raw, "int", lo=lo, hi=hi) from None
    if name in FLOATS:
        try:
            return float(raw)
        except ValueError:
            raise ConfigError(name, raw, "number") from None
    if name == "mode":
        return raw.upper()
    return raw.lower()


def quantities(mode: str) -> tuple[str, ...]:
    """What the hidden-state page can show for a mode: h, LSTM's c, and each mode's gates."""
    return {"RNN": ("h",), "LSTM": ("h", "c", "i", "f", "g", "o"), "GRU": ("h", "r", "z", "n")}.get(
        mode, ("h",)
    )


def view_bounds(values: Mapping[str, Any]) -> dict[str, int]:
    """Largest valid index of each view position for these settings."""
    text_len = len(values["text"]) if isinstance(values["text"], str) else 1
    seq_len = text_len if values["source"] == "text" else values["seq_len"]
    batch = 1 if (values["unbatched"] or values["source"] == "text") else values["batch_size"]
    directions = 2 if values["bidirectional"] else 1
    return {
        "layer": values["num_layers"] - 1,
        "direction": directions - 1,
        "t": seq_len - 1,
        "item": batch - 1,
    }


def applicable(values: dict[str, Any]) -> dict[str, Any]:
    """Reset what the chosen settings make meaningless (a hidden widget keeps its old value).

    Arguments the mode does not take go back to their defaults, a quantity the mode lacks goes
    back to h, and view positions are clamped into the current shapes.
    """
    values = dict(values)
    if values["mode"] != "RNN":
        values["nonlinearity"] = DEFAULTS["nonlinearity"]
    if values["mode"] != "LSTM":
        values["proj_size"] = DEFAULTS["proj_size"]
    if values["quantity"] not in quantities(values["mode"]):
        values["quantity"] = DEFAULTS["quantity"]
    try:
        bounds = view_bounds(values)
    except TypeError:  # sizes not numbers yet: validate() will name them
        return values
    for name in VIEW:
        if isinstance(values[name], int):
            values[name] = min(max(values[name], 0), max(bounds[name], 0))
    return values


def validate(values: dict[str, Any]) -> tuple[RNNConfig, int, int | None]:
    """The config and the input sizes (seq_len, batch_size or None) for these values.

    Raises:
        ConfigError: naming the first field that breaks a rule.
    """
    cfg = RNNConfig(**{k: values[k] for k in FIELDS})
    batch = None if values["unbatched"] else values["batch_size"]
    check_input_sizes(values["seq_len"], values["batch_size"])
    check_int("seed", values["seed"], *LIMITS["seed"])
    if values["source"] not in SOURCES:
        raise ConfigError("source", values["source"], "choice", choices=", ".join(SOURCES))
    check_text(values["text"])
    if values["dtype"] not in DTYPES:
        raise ConfigError("dtype", values["dtype"], "choice", choices=", ".join(DTYPES))
    if values["quantity"] not in quantities(cfg.mode):
        raise ConfigError("quantity", values["quantity"], "choice", choices=", ".join(quantities(cfg.mode)))
    for name, hi in view_bounds(values).items():
        check_int(name, values[name], 0, hi)
    check_int("quiz_seed", values["quiz_seed"], *LIMITS["seed"])
    check_int("level", values["level"], 1, 3)
    check_int("question", values["question"], 0, 9)
    from explainer.packed import parse_lengths  # noqa: PLC0415 - packed imports plotly; only needed here

    parse_lengths(values["lengths"])
    if values["demo"] not in DEMOS:
        raise ConfigError("demo", values["demo"], "choice", choices=", ".join(DEMOS))
    if values["pattern"] not in PATTERNS:
        raise ConfigError("pattern", values["pattern"], "choice", choices=", ".join(PATTERNS))
    from explainer.gradients import check_controls  # noqa: PLC0415 - as parse_lengths above

    check_controls(values["hh_scale"], values["forget_bias"], values["max_norm"])
    return cfg, values["seq_len"], batch


# What sharing a link adds to it on the way (WeChat, QQ, Weibo, bilibili, Taobao's spm, UTM tags,
# ad click ids): not a setting anyone typed, so ignored without a note. A link shared in a class
# chat comes back as ...?hidden_size=20&from=singlemessage&isappinstalled=0.
SHARING_KEYS = frozenset(
    ("from", "isappinstalled", "scene", "clicktime", "enterid", "nsukey", "share_token", "spm")
    + ("vd_source", "share_source", "share_medium", "share_plat", "share_from", "share_tag")
    + ("fbclid", "gclid", "msclkid", "ref", "timestamp")
)


def _is_sharing_key(name: str) -> bool:
    return name in SHARING_KEYS or name.startswith("utm_")


def from_query(query: Mapping[str, str | list[str]]) -> tuple[dict[str, Any], list[Note]]:
    """Settings from URL query parameters; anything bad falls back to its default, with a Note."""
    values = dict(DEFAULTS)
    notes: list[Note] = []
    for name, raw in query.items():
        if name in APP_KEYS or name in PAGE_KEYS or _is_sharing_key(name):
            continue
        if name not in DEFAULTS:
            notes.append(Note(None, unknown=name))
            continue
        if isinstance(raw, list):  # a repeated key: the last one given wins, as in a browser
            if not raw:
                continue
            raw = raw[-1]
        try:
            values[name] = _parse_one(name, str(raw))
        except ConfigError as err:
            notes.append(Note(err, DEFAULTS[name]))
    for name in ("nonlinearity", "proj_size"):
        if values[name] != applicable(values)[name]:
            rule = "rnn_only" if name == "nonlinearity" else "lstm_only"
            notes.append(Note(ConfigError(name, values[name], rule, mode=values["mode"]), DEFAULTS[name]))
    if values["quantity"] not in quantities(values["mode"]):
        choices = ", ".join(quantities(values["mode"]))
        notes.append(Note(ConfigError("quantity", values["quantity"], "choice", choices=choices), "h"))
    for _ in range(len(DEFAULTS)):
        fixed = applicable(values)
        for name in VIEW:  # an index past the end of this config's shapes: the nearest valid one
            if fixed[name] != values[name]:
                hi = view_bounds(values)[name]
                notes.append(Note(ConfigError(name, values[name], "range", lo=0, hi=hi), fixed[name]))
        values = fixed
        try:
            validate(values)
            return values, notes
        except ConfigError as err:
            notes.append(Note(err, DEFAULTS[err.field]))
            values[err.field] = DEFAULTS[err.field]
    return dict(DEFAULTS), notes  # unreachable: the defaults are valid


def to_query(values: Mapping[str, Any], lang: str | None = None) -> dict[str, str]:
    """Only what differs from the defaults, so a shared link stays short."""
    query = {}
    if lang in LANGS:
        query["lang"] = lang
    for name, default in DEFAULTS.items():
        value = values.get(name, default)
        if value != default:
            query[name] = str(value).lower() if isinstance(value, bool) else str(value)
    return query


# Chinese however a link or a browser writes it: BCP 47 (zh-CN, zh-Hans), POSIX (zh_CN), upper
# case, the country code people type (cn), and traditional-script tags (zh-TW, zh-Hant, zh-HK),
# which get the simplified text rather than English.
LANG_ALIASES = {"zh": "zh", "cn": "zh", "chs": "zh", "cht": "zh", "chinese": "zh", "中文": "zh"}
LANG_ALIASES |= {"en": "en", "english": "en"}
HTML_LANG = {"en": "en", "zh": "zh-CN"}  # the document's lang attribute: the text is simplified Chinese


def lang_code(raw: str | None) -> str | None:
    """The app language a language tag means (``zh-CN``, ``zh_CN``, ``ZH``, ``cn``, ``en-GB``), else None."""
    if not raw:
        return None
    primary = raw.strip().lower().replace("_", "-").split("-", 1)[0]
    return LANG_ALIASES.get(primary)


def pick_lang(query_lang: str | None, browser_locale: str | None) -> str:
    """?lang= wins when it names a language; else the browser's language when it is Chinese; else English."""
    return lang_code(query_lang[:MAX_RAW_LEN] if query_lang else None) or (
        "zh" if lang_code(browser_locale) == "zh" else "en"
    )


def read_app_keys(
    query: Mapping[str, str], browser_locale: str | None, cuda: bool
) -> tuple[dict[str, str], list[Note]]:
    """?lang= and ?device= from a shared link: a value the app cannot honour falls back, with a note.

    ``device=cuda`` on a server without a GPU runs on the CPU and says so: the teacher's link
    may come from a machine that had one.
    """
    notes = []
    raw_lang = query.get("lang")
    lang = pick_lang(raw_lang, browser_locale)
    if raw_lang is not None and lang_code(raw_lang[:MAX_RAW_LEN]) is None:
        err = ConfigError("lang", raw_lang[:MAX_RAW_LEN], "choice", choices=", ".join(LANGS))
        notes.append(Note(err, lang))
    raw_device = query.get("device", "auto")
    device = raw_device if raw_device in DEVICES else "auto"
    if raw_device not in DEVICES:
        err = ConfigError("device", raw_device[:MAX_RAW_LEN], "choice", choices=", ".join(DEVICES))
        notes.append(Note(err, device))
    elif raw_device == "cuda" and not cuda:
        notes.append(Note(ConfigError("device", raw_device, "no_gpu"), "cpu"))
    return {"lang": lang, "device": device}, notes
