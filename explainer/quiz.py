"""Predict-the-shape questions from random configs, with forgiving answer parsing.

A question set is a pure function of (seed, level): a teacher hands out one link and every
student gets the same questions. Expected shapes come from ``shape_table``; the tests hold them
against the real module, and "will this call raise?" is decided by real torch on the meta device.
"""

from __future__ import annotations

import random
import re
import warnings
from dataclasses import dataclass

import torch
from torch import nn

from explainer.config import RNNConfig
from explainer.messages import t
from explainer.shapes import parameter_names, read_int, read_shape, shape_table, symbolic_shape, tensor_rows

LEVELS = (1, 2, 3)
QUESTIONS_PER_SET = 10
KINDS = ("output", "h_n", "c_n", "parameter", "count", "raises")


@dataclass(frozen=True)
class Question:
    """One question: the setting, what is asked, and the answer with the rule that gives it."""

    cfg: RNNConfig
    seq_len: int
    batch_size: int | None
    kind: str
    target: str  # tensor or parameter name; for 'raises', the h_0 shape passed
    answer: tuple[int, ...] | int | bool
    hx_shape: tuple[int, ...] | None = None  # for 'raises'
    torch_error: str | None = None  # for 'raises': torch's own message, if it raises


def _config(rng: random.Random, level: int) -> tuple[RNNConfig, int, int | None]:
    mode = rng.choice(("RNN", "LSTM", "GRU"))
    hidden = rng.choice((4, 8, 16, 20, 32))
    kwargs = dict(input_size=rng.choice((3, 5, 10, 16)), hidden_size=hidden, batch_first=rng.random() < 0.4)
    batch: int | None = rng.choice((2, 3, 4, 8))
    if level >= 2:
        kwargs |= dict(num_layers=rng.choice((1, 2, 3)), bidirectional=rng.random() < 0.6)
    if level >= 3:
        if mode == "LSTM" and rng.random() < 0.7:
            kwargs["proj_size"] = rng.choice([p for p in (2, 3, 5, 10) if p < hidden])
        if rng.random() < 0.4:
            batch = None
    seq_len = rng.choice((5, 6, 7, 12))
    return RNNConfig(mode, **kwargs), seq_len, batch


def torch_raises(cfg: RNNConfig, seq_len: int, batch: int | None, hx_shape: tuple[int, ...]) -> str | None:
    """Run the real module on the meta device with this h_0: torch's message, or None."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        module = getattr(nn, cfg.mode)(**cfg.module_kwargs(), device="meta")
    table = shape_table(cfg, seq_len, batch)
    x = torch.empty(table["input"], device="meta")
    h0 = torch.empty(hx_shape, device="meta")
    hx = (h0, torch.empty(table["c_0"], device="meta")) if cfg.mode == "LSTM" else h0
    try:
        module(x, hx)
    except (RuntimeError, ValueError) as err:
        return str(err)
    return None


def make_question(seed: int, level: int, index: int) -> Question:
    """Question ``index`` of the set (seed, level): the same for everyone who opens the link."""
    rng = random.Random(f"{seed}/{level}/{index}")
    cfg, seq_len, batch = _config(rng, level)
    table = shape_table(cfg, seq_len, batch)
    kinds = [k for k in KINDS if k != "c_n" or cfg.mode == "LSTM"]
    kind = rng.choice(kinds)
    if kind in ("output", "h_n", "c_n"):
        return Question(cfg, seq_len, batch, kind, kind, table[kind])
    if kind == "parameter":
        name = rng.choice(parameter_names(cfg))
        return Question(cfg, seq_len, batch, kind, name, table[name])
    if kind == "count":
        return Question(cfg, seq_len, batch, kind, "parameters", cfg.parameter_count)
    # 'raises': the right h_0, or a classic mistake with it
    right = list(table["h_0"])
    mistakes = [right]
    if cfg.D * cfg.num_layers > 1:
        mistakes.append([cfg.num_layers, *right[1:]] if cfg.D == 2 else [1, *right[1:]])
    if batch is not None and batch != seq_len:
        mistakes.append([right[0], seq_len, right[-1]])  # batch_first applied to h_0
    if cfg.proj_size:
        mistakes.append([*right[:-1], cfg.hidden_size])
    hx_shape = tuple(rng.choice(mistakes))
    error = torch_raises(cfg, seq_len, batch, hx_shape)
    return Question(cfg, seq_len, batch, kind, "h_0", error is not None, hx_shape, error)


# "Will this call raise?": what learners write, in both languages (lower case, no end punctuation).
YES = {"yes", "y", "true", "yes it does", "yes it will", "raise", "raises", "it raises", "will raise"}
YES |= {"it will raise", "raises an error", "error", "an error", "it errors", "fails", "it fails"}
YES |= {"crashes", "it crashes", "runtimeerror", "是", "是的", "会", "会的", "对", "报错", "会报错", "报错了"}
YES |= {"会出错", "出错", "抛出异常", "会抛出异常", "有错", "会有错"}
NO = {"no", "n", "false", "no it doesn't", "no it does not", "no it won't", "ok", "okay", "fine", "it's fine"}
NO |= {"runs", "it runs", "runs fine", "it runs fine", "works", "it works", "no error", "does not raise"}
NO |= {"doesn't raise", "it doesn't raise", "it does not raise", "won't raise", "it won't raise"}
NO |= {"否", "不", "不会", "不是", "不对", "不报错", "不会报错", "没有报错", "不出错", "不会出错", "能运行"}
NO |= {"可以运行", "正常", "正常运行", "能正常运行", "可以正常运行"}
END_MARKS = " \t\n.。!！?？~～'\"“”‘’「」"  # stripped around an answer: "yes.", "会报错！"
LEAD = re.compile(r"^(\S+?)[\s,，、;；:：]+(\S.*)$")  # "yes, it raises" -> ("yes", "it raises")


def _yes_no(text: str) -> bool | None:
    """'yes', 'no, it runs', '会报错', '是的，会报错' -> True/False; None when unclear or contradictory."""
    body = " ".join(text.lower().split()).strip(END_MARKS)
    if body in YES or body in NO:
        return body in YES
    lead = LEAD.match(body)
    if lead is None:
        return None
    first, rest = (_yes_no(part) for part in lead.groups())
    return first if first is not None and first == rest else None  # "no idea" and "yes, it runs" are unclear


def _shape_text(text: str) -> str:
    """A shape as people type it, in read_shape's terms: 'Size([2,5,20])', '2X5X20', '2*5*20', '2;5;20.'."""
    body = text.strip().rstrip(".。 ")
    body = re.sub(r"^(?:torch\s*\.\s*)?size\s*\(", "torch.Size(", body, flags=re.IGNORECASE)
    return re.sub(r"[X✕✖*;；]", "x", body)


def parse_answer(text: str, kind: str) -> tuple[int, ...] | int | bool | None:
    """Forgiving: '(2, 5, 20)', '2X5X20', 'Size([2, 5, 20])', '1,234', 'yes, it raises', '不会报错'.

    Whatever show_answer displays is accepted. Returns None when the text cannot be read as an
    answer of this kind (the page gives a hint).
    """
    if not isinstance(text, str) or len(text) > 80:
        return None
    if kind == "raises":
        return _yes_no(text)
    if kind == "count":
        return read_int(re.sub(r"[,，_\s]", "", text.strip().lower().rstrip(".。")), max_digits=12)
    return read_shape(_shape_text(text), 5, ignore_case=True)


def rule(q: Question, lang: str) -> str:
    """Why the answer is what it is, in the words of the shapes page."""
    batched = q.batch_size is not None
    if q.kind in ("output", "h_n", "c_n"):
        row = next(r for r in tensor_rows(q.cfg, q.seq_len, q.batch_size, False, lang) if r.name == q.target)
        return f"{row.symbolic} — {row.why}"
    if q.kind == "parameter":
        return symbolic_shape(q.cfg, q.target, batched)
    if q.kind == "count":
        return t("quiz.rule_count", lang, count=f"{q.answer:,}")
    if q.torch_error:
        return t(
            "quiz.rule_raises",
            lang,
            error=q.torch_error,
            shape=shape_table(q.cfg, q.seq_len, q.batch_size)["h_0"],
        )
    return t("quiz.rule_fine", lang, shape=q.hx_shape)


def prompt(q: Question) -> str:
    """The setting as code: the module, the input, and (for 'raises') the call with h_0."""
    from explainer.snippet import constructor_call

    table = shape_table(q.cfg, q.seq_len, q.batch_size)
    lines = [f"rnn = {constructor_call(q.cfg)}", f"x = torch.randn{table['input']}"]
    if q.kind == "raises":
        lines.append(f"h_0 = torch.zeros{q.hx_shape}")
        if q.cfg.mode == "LSTM":
            lines += [f"c_0 = torch.zeros{table['c_0']}", "output, (h_n, c_n) = rnn(x, (h_0, c_0))"]
        else:
            lines.append("output, h_n = rnn(x, h_0)")
    else:
        lines.append("output, (h_n, c_n) = rnn(x)" if q.cfg.mode == "LSTM" else "output, h_n = rnn(x)")
    return "\n".join(lines)


def check_script(q: Question) -> str:
    """A runnable script for this question: the module and the call, then what was asked for,
    printed by torch itself (for 'raises', torch's error or "runs"). The answer is not in it."""
    lines = ["import torch", "from torch import nn", "", *prompt(q).splitlines()]
    if q.kind == "raises":
        call = lines.pop()
        lines += [
            "try:",
            f"    {call}",
            "except (RuntimeError, ValueError) as err:",
            '    print("raises:", err)',
            "else:",
            '    print("runs")',
        ]
    elif q.kind == "parameter":
        lines.append(f'print("{q.target}", tuple(rnn.{q.target}.shape))')
    elif q.kind == "count":
        lines.append('print("parameters", sum(p.numel() for p in rnn.parameters()))')
    else:
        lines.append(f'print("{q.target}", tuple({q.target}.shape))')
    return "\n".join(lines) + "\n"


def record(scores: dict, key: object, right: bool) -> bool:
    """Score the first readable answer to a question; later ones are practice.

    Returns True when this answer is the one that counts. Retrying until right cannot raise the
    score: ``scores[key]`` keeps the first verdict.
    """
    if key in scores:
        return False
    scores[key] = right
    return True


def show_answer(q: Question, lang: str) -> str:
    if q.kind == "raises":
        return t("quiz.yes" if q.answer else "quiz.no", lang)
    if q.kind == "count":
        return f"{q.answer:,}"
    return str(q.answer)


def question_settings(q: Question) -> dict:
    """Settings for the shapes page that show this question's module and input."""
    from dataclasses import asdict

    values = asdict(q.cfg)
    values |= {"seq_len": q.seq_len, "batch_size": q.batch_size or 3, "unbatched": q.batch_size is None}
    return values
