"""Every string the app shows, in English and Chinese, keyed by a stable name and filed by feature.

Each feature's catalogue (``core``, ``shapes``, ``inside``, ``gradients``, ``quiz``, ``packed``,
``training``, ``patterns``, ``seeds``, ``debugger``) is a dict of key: (English, 中文); this module merges
them into ``MESSAGES`` and formats one with ``t``. A key belongs to the catalogue of its prefix
(``pk.*`` the packed page, ``dbg.*`` the debugger, …); a key defined twice fails at import.
"""

from __future__ import annotations

from explainer.i18n import core, debugger, gradients, inside, packed, patterns, quiz, seeds, shapes, training

LANGS = ("en", "zh")

# key: (English, 中文). Placeholders use str.format names and must match in both.
#
# Glossary for the Chinese (tests/test_content.py keeps it): write new text with these terms.
#   axes          第 0 维（dim 0）、第 1 维（dim 1）: digits, counted from 0 like torch's dim=k;
#                 "（dim k）" at the first mention in a message. Never 第一维/第二维.
#   a size        维度 / 大小: "最后一维的大小是 H_out", "h 的大小是 proj_size"; never 宽/宽度.
#   N             批量大小 (batch size); "batch" stays for the batch itself: batch 维, 不带 batch.
#   L             序列长度, 时间步数; a packed sequence's real steps are 有效时间步.
#   H_cell        隐藏单元数 (hidden_size); c 细胞状态; h 隐藏状态.
#   gates         LSTM i 输入门, f 遗忘门, g 候选细胞状态, o 输出门; GRU r 重置门, z 更新门,
#                 n 候选隐藏状态 (torch's "new gate": not a gate).
#   a gate's rows 每个门占连续的 H_cell 行 (not 一块行).
#   running       运行 / 计算 (not 跑); forward pass 前向; backward 反向传播; bidirectional 双向,
#                 the reverse direction 反向, its half of output 反向一半.
#   code names    torch's own (input, output, h_n, batch_first, proj_size) stay in English.

CATALOGUES = (
    core,
    shapes,
    inside,
    gradients,
    quiz,
    packed,
    training,
    patterns,
    seeds,
    debugger,
)
MESSAGES: dict[str, tuple[str, str]] = {}
for _catalogue in CATALOGUES:
    _twice = MESSAGES.keys() & _catalogue.MESSAGES.keys()
    if _twice:
        raise ValueError(f"message keys defined twice: {sorted(_twice)}")
    MESSAGES.update(_catalogue.MESSAGES)


def join(lang: str, *sentences: str) -> str:
    """Sentences joined as each language writes them: a space in English, nothing in Chinese."""
    return ("" if lang == "zh" else " ").join(s for s in sentences if s)


def t(key: str, lang: str = "en", **params: object) -> str:
    """The message ``key`` in ``lang`` ('en' or 'zh'), formatted with ``params``."""
    text = MESSAGES[key][LANGS.index(lang) if lang in LANGS else 0]
    return text.format(**params)
