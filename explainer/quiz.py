"""Predict-the-shape questions from random configs, with forgiving answer parsing.

A question set is a pure function of (seed, level): a teacher hands out one link and every
student gets the same questions. Each question is a few lines of code, and its answer is what
real torch does with exactly those lines (``_execute``): the shape it returns, the number it
counts, the error it raises, or whether two of its tensors are equal. The page shows the code
that ran, and the exported script runs it again on the student's machine.
"""

from __future__ import annotations

import functools
import random
import re
from dataclasses import asdict, dataclass, replace

from explainer import quiet
from explainer.config import RNNConfig
from explainer.i18n import join, t
from explainer.shapes import (
    letter_values,
    output_index,
    parameter_names,
    parameter_rows,
    read_int,
    read_shape,
    shape_table,
    tensor_rows,
)

LEVELS = (1, 2, 3)
QUESTIONS_PER_SET = 10
# output, h_n, c_n, parameter, count: the module's own shapes and size. raises: will these lines
# raise (a mistake in h_0, c_0, the input, the constructor, packing, a Cell or an Embedding, or
# none)? slice: which slice of output equals h_n[-1]? packed, cell, embedding: shapes there.
KINDS = ("output", "h_n", "c_n", "parameter", "count", "raises", "slice", "packed", "cell", "embedding")
YES_NO_KINDS = ("raises", "slice")
SHAPE_DIMS = {"packed": 16}  # packed.batch_sizes has one number per timestep; shapes have at most 5
PRELUDE = ("import torch", "from torch import nn")
IMPORTS = {
    "F.": "import torch.nn.functional as F",
    "pack_padded_sequence": "from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence",
}
TORCH_ERRORS = (RuntimeError, ValueError, TypeError, IndexError)  # what torch raises for these mistakes

Answer = tuple[int, ...] | int | bool


@dataclass(frozen=True)
class Question:
    """One question: the setting, the code, what is asked, and real torch's answer.

    ``facts`` holds the numbers the rule quotes (the question's own), as (name, value) pairs.
    """

    cfg: RNNConfig
    seq_len: int
    batch_size: int | None
    kind: str
    target: str  # what is asked about: a tensor or parameter name, the slice, or the mistake made
    answer: Answer
    hx_shape: tuple[int, ...] | None = None  # 'raises' on h_0: the h_0 passed
    torch_error: str | None = None  # 'raises': torch's own message, if it raises
    code: tuple[str, ...] = ()  # the lines the student reads; the last is the one asked about
    show: str = ""  # the expression the check script prints (not for 'raises')
    warning: str | None = None  # 'raises': a warning torch gave instead of an error
    facts: tuple[tuple[str, object], ...] = ()

    @property
    def fact(self) -> dict[str, object]:
        return dict(self.facts)


def _execute(code: tuple[str, ...], show: str) -> tuple[object, str | None, str | None]:
    """Run the question's lines with real torch (tiny sizes, CPU).

    Returns (the value of ``show``, or None when the last line raises; torch's error message;
    the first warning torch gave). Only the last line may raise: an error before it is a bug here.
    """
    namespace: dict = {}
    exec("\n".join(imports(code)), namespace)  # noqa: S102 - our own generated code, never the user's
    with quiet.recorded() as caught:  # one thread at a time: sessions are threads (explainer/quiet.py)
        exec("\n".join(code[:-1]), namespace)  # noqa: S102
        try:
            exec(code[-1], namespace)  # noqa: S102
        except TORCH_ERRORS as err:
            return None, str(err), None
        value = eval(show, namespace) if show else None  # noqa: S307
    warned = next((str(w.message) for w in caught if issubclass(w.category, UserWarning)), None)
    return value, None, warned


def imports(code: tuple[str, ...]) -> list[str]:
    """The import lines these question lines need: torch and nn, plus F or packing when used."""
    text = "\n".join(code)
    return [*PRELUDE, *(line for key, line in IMPORTS.items() if key in text)]


def _ask(cfg: RNNConfig, L: int, N: int | None, kind: str, target: str, code: list[str], **extra) -> Question:
    """A question whose answer is what torch does with ``code``."""
    show = extra.pop("show", "")
    q = Question(cfg, L, N, kind, target, False, code=tuple(code), show=show, **extra)
    value, error, warned = _execute(q.code, show)
    if kind == "raises":
        return replace(q, answer=error is not None, torch_error=error, warning=warned)
    if error is not None:  # a shape question whose code raises: a bug in the builder, not a question
        raise AssertionError(f"question code raised: {error}\n" + "\n".join(code))
    return replace(q, answer=value)


def _config(rng: random.Random, level: int) -> tuple[RNNConfig, int, int | None]:
    mode = rng.choice(("RNN", "LSTM", "GRU"))
    hidden = rng.choice((4, 8, 16, 20, 32))
    kwargs = dict(input_size=rng.choice((3, 5, 10, 16)), hidden_size=hidden, batch_first=rng.random() < 0.4)
    batch: int | None = rng.choice((2, 3, 4, 8))
    kwargs["bias"] = rng.random() < 0.8  # bias=False halves nothing but drops b_ih and b_hh
    if mode == "RNN" and rng.random() < 0.3:
        kwargs["nonlinearity"] = "relu"
    if level >= 2:
        kwargs |= dict(num_layers=rng.choice((1, 2, 3)), bidirectional=rng.random() < 0.6)
        if kwargs["num_layers"] > 1 and rng.random() < 0.3:
            kwargs["dropout"] = rng.choice((0.2, 0.5))  # between layers: no shape changes
    if level >= 3:
        if mode == "LSTM" and rng.random() < 0.7:
            kwargs["proj_size"] = rng.choice([p for p in (2, 3, 5, 10) if p < hidden])
        if rng.random() < 0.4:
            batch = None
    seq_len = rng.choice((5, 6, 7, 12))
    return RNNConfig(mode, **kwargs), seq_len, batch


def _shape(dims: tuple[int, ...] | list[int]) -> str:
    """(12,) for one axis, (2, 5, 20) for more: as Python writes a tuple."""
    return str(tuple(dims))


def _module_lines(cfg: RNNConfig, L: int, N: int | None) -> list[str]:
    from explainer.snippet import constructor_call

    return [f"rnn = {constructor_call(cfg)}", f"x = torch.randn{_shape(shape_table(cfg, L, N)['input'])}"]


def _forward(cfg: RNNConfig, hx: str = "") -> str:
    outs = "output, (h_n, c_n)" if cfg.mode == "LSTM" else "output, h_n"
    return f"{outs} = rnn(x{', ' + hx if hx else ''})"


def _module_question(rng: random.Random, cfg: RNNConfig, L: int, N: int | None, kind: str) -> Question:
    """output, h_n, c_n, a parameter, or the parameter count of the module itself."""
    code = _module_lines(cfg, L, N)
    if kind == "count":
        return _ask(cfg, L, N, kind, "parameters", code, show="sum(p.numel() for p in rnn.parameters())")
    if kind == "parameter":
        name = rng.choice(parameter_names(cfg))
        return _ask(cfg, L, N, kind, name, code, show=f"tuple(rnn.{name}.shape)")
    return _ask(cfg, L, N, kind, kind, [*code, _forward(cfg)], show=f"tuple({kind}.shape)")


def _state_question(rng: random.Random, cfg: RNNConfig, L: int, N: int | None) -> Question:
    """Will the call raise with this h_0 (or this c_0)? The right state, or a classic mistake."""
    table = shape_table(cfg, L, N)
    right, cell = list(table["h_0"]), list(table.get("c_0", ()))
    S = cfg.D * cfg.num_layers
    mistakes: dict[str, list[int]] = {"right": right}
    if S > 1:
        mistakes["layers"] = [cfg.num_layers if cfg.D == 2 else 1, *right[1:]]  # D or num_layers forgotten
    if N is not None and cfg.batch_first and N != S:
        mistakes["state_bf"] = [N, S, right[-1]]  # batch_first applied to the state
    if N is not None and N != L:
        mistakes["state_len"] = [S, L, right[-1]]  # the middle size taken from the wrong axis of x
    if N is None:
        mistakes["unbatched_3d"] = [S, 1, right[-1]]  # a batch axis of 1 added by hand
    if cfg.proj_size:
        mistakes["proj"] = [*right[:-1], cfg.hidden_size]  # h is proj_size wide, not hidden_size
    cell_mistakes: dict[str, str] = {}
    if cfg.mode == "LSTM":
        cell_mistakes["c_right"] = f"(h_0, torch.zeros{_shape(cell)})"
        cell_mistakes["c_missing"] = "h_0"  # the state tensor alone: torch reads h_0[0], h_0[1] as (h, c)
        if cfg.proj_size:
            cell_mistakes["c_proj"] = f"(h_0, torch.zeros{_shape([*cell[:-1], cfg.proj_size])})"
        if N is not None and cfg.batch_first and N != S:
            cell_mistakes["c_bf"] = f"(h_0, torch.zeros{_shape([N, S, cell[-1]])})"
    facts = _numbers(cfg, L, N) | {"right": _shape(right), "c_right": _shape(cell) if cell else ""}
    if cell_mistakes and rng.random() < 0.5:
        mistake = rng.choice(sorted(cell_mistakes))
        code = [
            *_module_lines(cfg, L, N),
            f"h_0 = torch.zeros{_shape(right)}",
            _forward(cfg, cell_mistakes[mistake]),
        ]
        return _ask(cfg, L, N, "raises", mistake, code, hx_shape=tuple(right), facts=_facts(facts))
    mistake = rng.choice(sorted(mistakes))
    hx_shape = mistakes[mistake]
    hx = f"(h_0, torch.zeros{_shape(cell)})" if cfg.mode == "LSTM" else "h_0"
    code = [*_module_lines(cfg, L, N), f"h_0 = torch.zeros{_shape(hx_shape)}", _forward(cfg, hx)]
    facts["passed"] = _shape(hx_shape)
    return _ask(cfg, L, N, "raises", mistake, code, hx_shape=tuple(hx_shape), facts=_facts(facts))


def _input_question(rng: random.Random, cfg: RNNConfig, L: int, N: int | None) -> Question:
    """Will the call raise with this x? The right input, the wrong feature size, or the axes swapped."""
    table = shape_table(cfg, L, N)
    right = list(table["input"])
    mistakes = {"x_right": right}
    if cfg.hidden_size != cfg.input_size:
        mistakes["x_features"] = [*right[:-1], cfg.hidden_size]  # input_size confused with hidden_size
    if N is not None and N != L:
        mistakes["x_swapped"] = [right[1], right[0], right[2]]  # (N, L) vs (L, N): torch cannot tell
    mistake = rng.choice(sorted(mistakes))
    code = [_module_lines(cfg, L, N)[0], f"x = torch.randn{_shape(mistakes[mistake])}", _forward(cfg)]
    facts = _numbers(cfg, L, N) | {"right": _shape(right), "passed": _shape(mistakes[mistake])}
    return _ask(cfg, L, N, "raises", mistake, code, facts=_facts(facts))


def _constructor_question(rng: random.Random, cfg: RNNConfig, L: int, N: int | None) -> Question:
    """Will the constructor raise? bias, nonlinearity, dropout and proj_size as learners write them."""
    from explainer.snippet import constructor_call

    call = constructor_call(cfg)[:-1]  # without ')': one more argument follows
    mistakes = {"ctor_right": constructor_call(cfg)}
    if cfg.mode == "RNN":
        plain = constructor_call(replace(cfg, nonlinearity="tanh"))[:-1]
        mistakes["ctor_sigmoid"] = f"{plain}, nonlinearity='sigmoid')"  # only 'tanh' and 'relu'
    else:
        mistakes["ctor_nonlinearity"] = f"{call}, nonlinearity='relu')"  # only nn.RNN takes it
    if cfg.dropout == 0:
        mistakes["ctor_dropout_range"] = f"{call}, dropout=1.5)"
        if cfg.num_layers == 1:
            mistakes["ctor_dropout_one_layer"] = f"{call}, dropout=0.5)"  # a warning, not an error
    if cfg.mode == "LSTM" and not cfg.proj_size:
        mistakes["ctor_proj"] = f"{call}, proj_size={cfg.hidden_size})"  # must be < hidden_size
    mistake = rng.choice(sorted(mistakes))
    facts = _numbers(cfg, L, N)
    return _ask(cfg, L, N, "raises", mistake, [f"rnn = {mistakes[mistake]}"], facts=_facts(facts))


def _slice_question(rng: random.Random, cfg: RNNConfig, L: int, N: int | None) -> Question:
    """Is h_n[-1] equal to this slice of output? Real numbers decide (tanh, so no exact ties)."""
    cfg = replace(cfg, nonlinearity="tanh", dropout=0.0)  # relu could give equal zero rows by chance
    batched = N is not None
    last = "output[:, -1]" if batched and cfg.batch_first else "output[-1]"
    first = "output[:, 0]" if batched and cfg.batch_first else "output[0]"
    slices = [last, first]
    if batched and cfg.batch_first:
        slices.append("output[-1]")  # the last sample, not the last step
    if cfg.D == 2:
        for t_ in (L - 1, 0):
            slices += [output_index(cfg, t_, d, batched) for d in (0, 1)]
    target = rng.choice(slices)
    right = output_index(cfg, L - 1 if cfg.D == 1 else 0, cfg.D - 1, batched)
    code = [*_module_lines(cfg, L, N), _forward(cfg)]
    facts = _numbers(cfg, L, N) | {"right": right, "last": L - 1}
    return _ask(cfg, L, N, "slice", target, code, show=f"torch.equal(h_n[-1], {target})", facts=_facts(facts))


def _packed_question(rng: random.Random, cfg: RNNConfig, L: int, N: int) -> Question:
    """A padded batch of different lengths, packed: .data, .batch_sizes, the padded-back output, h_n."""
    lengths = sorted((rng.randint(1, L) for _ in range(N)), reverse=True)
    if rng.random() < 0.5:
        rng.shuffle(lengths)
    ordered = lengths == sorted(lengths, reverse=True)
    bf = ", batch_first=True" if cfg.batch_first else ""
    sort = "" if ordered else ", enforce_sorted=False"
    code = [
        *_module_lines(cfg, L, N),
        f"lengths = {lengths}",
        f"packed = pack_padded_sequence(x, lengths{bf}{sort})",
    ]
    facts = _numbers(cfg, L, N) | {"lengths": str(lengths), "total": sum(lengths), "longest": max(lengths)}
    facts["sum"] = " + ".join(map(str, lengths))
    if rng.random() < 0.3:  # will packing raise? the same lengths, sorted or not
        code[-1] = f"packed = pack_padded_sequence(x, lengths{bf})"
        return _ask(
            cfg, L, N, "raises", "pack_sorted" if ordered else "pack_unsorted", code, facts=_facts(facts)
        )
    target = rng.choice(("packed.data", "packed.batch_sizes", "out", "h_n"))
    if target == "packed.data":
        return _ask(cfg, L, N, "packed", target, code, show="tuple(packed.data.shape)", facts=_facts(facts))
    if target == "packed.batch_sizes":
        show = "tuple(packed.batch_sizes.tolist())"
        return _ask(cfg, L, N, "packed", target, code, show=show, facts=_facts(facts))
    outs = "packed_out, (h_n, c_n)" if cfg.mode == "LSTM" else "packed_out, h_n"
    code.append(f"{outs} = rnn(packed)")
    if target == "out":
        code.append(f"out, out_lengths = pad_packed_sequence(packed_out{bf})")
    return _ask(cfg, L, N, "packed", target, code, show=f"tuple({target}.shape)", facts=_facts(facts))


def _cell_question(rng: random.Random, cfg: RNNConfig, L: int, N: int | None) -> Question:
    """One step of one layer: nn.RNNCell / LSTMCell / GRUCell, fed one timestep (or, wrongly, all)."""
    args = f"input_size={cfg.input_size}, hidden_size={cfg.hidden_size}"
    args += "" if cfg.bias else ", bias=False"
    args += ", nonlinearity='relu'" if cfg.nonlinearity == "relu" else ""
    x_shape = (L, cfg.input_size) if N is None else (L, N, cfg.input_size)  # time first, as the seed loops
    state = (cfg.hidden_size,) if N is None else (N, cfg.hidden_size)
    outs = "h, c" if cfg.mode == "LSTM" else "h"
    code = [f"cell = nn.{cfg.mode}Cell({args})", f"x = torch.randn{_shape(x_shape)}"]
    facts = _numbers(cfg, L, N) | {"state": _shape(state), "step": _shape(x_shape[1:]), "x": _shape(x_shape)}
    if rng.random() < 0.4:
        # the whole sequence: 3-D is refused, but 2-D (unbatched) reads time as the batch and runs
        mistakes = {"cell_right": "x[0]", "cell_sequence" if N is not None else "cell_time_as_batch": "x"}
        if N is not None:
            layered = f"torch.zeros{_shape((1, *state))}"  # nn.RNN's h_0 habit: a layer axis
            mistakes["cell_layer_axis"] = (
                f"x[0], ({layered}, {layered})" if cfg.mode == "LSTM" else f"x[0], {layered}"
            )
        mistake = rng.choice(sorted(mistakes))
        code.append(f"{outs} = cell({mistakes[mistake]})")
        return _ask(cfg, L, N, "raises", mistake, code, facts=_facts(facts))
    states = ["h", "c"] if cfg.mode == "LSTM" else ["h"]
    target = rng.choice([*states, "cell.weight_ih", "cell.weight_hh"])
    if target.startswith("cell."):
        return _ask(cfg, L, N, "cell", target, code, show=f"tuple({target}.shape)", facts=_facts(facts))
    code.append(f"{outs} = cell(x[0])")
    return _ask(cfg, L, N, "cell", target, code, show=f"tuple({target}.shape)", facts=_facts(facts))


def _embedding_question(rng: random.Random, cfg: RNNConfig, L: int, N: int | None) -> Question:
    """Token ids through nn.Embedding (or one-hot) into the module: input_size is the vector's size."""
    from explainer.snippet import constructor_call

    V = rng.choice((10, 27, 50, 100))  # vocabulary size
    E = cfg.input_size  # embedding_dim: what the module reads
    ids = (L,) if N is None else ((N, L) if cfg.batch_first else (L, N))
    facts = _numbers(cfg, L, N) | {"V": V, "E": E, "ids": _shape(ids)}
    emb = f"emb = nn.Embedding(num_embeddings={V}, embedding_dim={E})"
    ids_line = f"ids = torch.randint({V}, {_shape(ids)})"
    one_hot = rng.random() < 0.35
    rnn_cfg = replace(cfg, input_size=V) if one_hot else cfg
    rnn = f"rnn = {constructor_call(rnn_cfg)}"
    x_line = f"x = F.one_hot(ids, num_classes={V}).float()" if one_hot else "x = emb(ids)"
    setup = [ids_line, rnn, x_line] if one_hot else [emb, ids_line, rnn, x_line]
    if rng.random() < 0.35:
        if one_hot:
            mistakes = {"onehot_right": rnn, "onehot_vocab": f"rnn = {constructor_call(cfg)}"}
        else:
            mistakes = {
                "emb_right": rnn,
                "emb_vocab": f"rnn = {constructor_call(replace(cfg, input_size=V))}",
            }
        mistake = rng.choice(sorted(mistakes))
        if V == E:  # vocabulary size = embedding_dim: no mistake to make at these sizes
            mistake = "onehot_right" if one_hot else "emb_right"
        code = [line if line != rnn else mistakes[mistake] for line in setup]
        return _ask(rnn_cfg, L, N, "raises", mistake, [*code, _forward(cfg)], facts=_facts(facts))
    if not one_hot and rng.random() < 0.3:
        return _ask(
            cfg, L, N, "embedding", "emb.weight", setup, show="tuple(emb.weight.shape)", facts=_facts(facts)
        )
    target = rng.choice(("x", "output"))
    code = [*setup, _forward(rnn_cfg)]
    return _ask(
        rnn_cfg,
        L,
        N,
        "embedding",
        target,
        code,
        show=f"tuple({target}.shape)",
        facts=_facts(facts | {"one_hot": one_hot}),
    )


def _numbers(cfg: RNNConfig, L: int, N: int | None) -> dict[str, object]:
    """The question's own numbers, named as the rules quote them."""
    return letter_values(cfg, L, N) | {
        "S": cfg.D * cfg.num_layers,
        "H": cfg.hidden_size,
        "G": cfg.G,
        "P": cfg.proj_size,
        "mode": cfg.mode,
        "width": cfg.D * cfg.H_out,
        "N": N if N is not None else "",
    }


def _facts(values: dict[str, object]) -> tuple[tuple[str, object], ...]:
    return tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in sorted(values.items()))


@functools.lru_cache(maxsize=4096)
def make_question(seed: int, level: int, index: int) -> Question:
    """Question ``index`` of the set (seed, level): the same for everyone who opens the link."""
    rng = random.Random(f"{seed}/{level}/{index}")
    cfg, seq_len, batch = _config(rng, level)
    kinds = [k for k in KINDS if (k != "c_n" or cfg.mode == "LSTM") and (k != "packed" or batch is not None)]
    kind = rng.choice([*kinds, "raises"])  # "will it raise?" has the most mistakes to ask: twice the chance
    if kind in ("output", "h_n", "c_n", "parameter", "count"):
        return _module_question(rng, cfg, seq_len, batch, kind)
    if kind == "raises":
        build = rng.choice((_state_question, _state_question, _input_question, _constructor_question))
        return build(rng, cfg, seq_len, batch)
    build = {
        "slice": _slice_question,
        "packed": _packed_question,
        "cell": _cell_question,
        "embedding": _embedding_question,
    }[kind]
    return build(rng, cfg, seq_len, batch)


# "Will this call raise?" and "Are they equal?": what learners write, in both languages (lower
# case, no end punctuation).
YES = {"yes", "y", "true", "yes it does", "yes it will", "raise", "raises", "it raises", "will raise"}
YES |= {"it will raise", "raises an error", "error", "an error", "it errors", "fails", "it fails"}
YES |= {"crashes", "it crashes", "runtimeerror", "是", "是的", "会", "会的", "对", "报错", "会报错", "报错了"}
YES |= {"会出错", "出错", "抛出异常", "会抛出异常", "有错", "会有错"}
YES |= {"equal", "they are equal", "it is equal", "same", "the same", "相等", "相同", "一样", "是相等的"}
NO = {"no", "n", "false", "no it doesn't", "no it does not", "no it won't", "ok", "okay", "fine", "it's fine"}
NO |= {"runs", "it runs", "runs fine", "it runs fine", "works", "it works", "no error", "does not raise"}
NO |= {"doesn't raise", "it doesn't raise", "it does not raise", "won't raise", "it won't raise"}
NO |= {"否", "不", "不会", "不是", "不对", "不报错", "不会报错", "没有报错", "不出错", "不会出错", "能运行"}
NO |= {"可以运行", "正常", "正常运行", "能正常运行", "可以正常运行"}
NO |= {
    "not equal",
    "they are not equal",
    "it is not equal",
    "different",
    "不相等",
    "不相同",
    "不一样",
    "不等",
}
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


def parse_answer(text: str, kind: str) -> Answer | None:
    """Forgiving: '(2, 5, 20)', '2X5X20', 'Size([2, 5, 20])', '1,234', 'yes, it raises', '不会报错'.

    Whatever show_answer displays is accepted. Returns None when the text cannot be read as an
    answer of this kind (the page gives a hint).
    """
    if not isinstance(text, str) or len(text) > 80:
        return None
    if kind in YES_NO_KINDS:
        return _yes_no(text)
    if kind == "count":
        return read_int(re.sub(r"[,，_\s]", "", text.strip().lower().rstrip(".。")), max_digits=12)
    return read_shape(_shape_text(text), SHAPE_DIMS.get(kind, 5), ignore_case=True)


def hint_key(q: Question) -> str:
    """The hint for an answer that cannot be read as this question's kind."""
    if q.kind in YES_NO_KINDS:
        return "quiz.hint.raises" if q.kind == "raises" else "quiz.hint.equal"
    if q.kind == "count":
        return "quiz.hint.count"
    return "quiz.hint.numbers" if q.target == "packed.batch_sizes" else "quiz.hint.shape"


def ask(q: Question, lang: str) -> str:
    """The question itself, in the page's language."""
    if q.kind in ("output", "h_n", "c_n", "parameter", "count", "raises"):
        return t(f"quiz.ask.{q.kind}", lang, name=q.target)
    if q.kind == "slice":
        return t("quiz.ask.slice", lang, name=q.target)
    key = "quiz.ask.value" if q.target == "packed.batch_sizes" else "quiz.ask.shape_of"
    return t(key, lang, name=q.target)


LETTER = re.compile(r"\b(num_layers|H_in|H_out|H_cell|L|N|D)\b")


def with_numbers(symbolic: str, values: dict[str, object]) -> str:
    """'(D·num_layers, N, H_out)' -> '(2·3, 4, 20)': torch's letters replaced by this question's numbers."""
    return LETTER.sub(lambda m: str(values[m.group(1)]), symbolic)


def count_terms(cfg: RNNConfig) -> str:
    """The parameter count as a sum with the module's numbers, one term per layer.

    Per layer and direction: G·H_cell·(H_in + H_out + 2) + P·H_cell (the 2 is b_ih and b_hh, only
    with bias; P·H_cell is weight_hr, only with proj_size), times D.
    """
    terms = []
    for layer in range(cfg.num_layers):
        width = cfg.input_size if layer == 0 else cfg.D * cfg.H_out
        inner = f"{width} + {cfg.H_out}" + (" + 2" if cfg.bias else "")
        term = f"{cfg.G}·{cfg.hidden_size}·({inner})"
        if cfg.proj_size:
            term += f" + {cfg.proj_size}·{cfg.hidden_size}"
        terms.append(f"{cfg.D}·({term})" if cfg.D == 2 else term)
    return " + ".join(terms)


def _slice_note(q: Question) -> str:
    """Which note explains this slice: it is h_n[-1], it is the wrong width, a sample, or another state."""
    if q.answer:
        return "quiz.slice.same"
    batched, cfg = q.batch_size is not None, q.cfg
    if batched and cfg.batch_first and q.target == "output[-1]":
        return "quiz.slice.sample"
    if cfg.D == 2 and q.target in ("output[-1]", "output[0]", "output[:, -1]", "output[:, 0]"):
        return "quiz.slice.width"
    return "quiz.slice.other"


def rule(q: Question, lang: str) -> str:
    """Why the answer is what it is, with this question's own numbers."""
    batched = q.batch_size is not None
    values = letter_values(q.cfg, q.seq_len, q.batch_size)
    facts = q.fact | {"answer": show_answer(q, lang), "name": q.target}
    if q.kind in ("output", "h_n", "c_n") or (q.kind == "embedding" and q.target == "output"):
        name = "output" if q.kind == "embedding" else q.kind
        row = next(r for r in tensor_rows(q.cfg, q.seq_len, q.batch_size, False, lang) if r.name == name)
        return f"{row.symbolic} = {with_numbers(row.symbolic, values)} = {q.answer} — {row.why}"
    if q.kind == "parameter":
        row = next(r for r in parameter_rows(q.cfg, lang) if r.name == q.target)
        return f"{row.symbolic} = {with_numbers(row.symbolic, values)} = {q.answer} — {row.why}"
    if q.kind == "count":
        return t("quiz.rule_count", lang, terms=count_terms(q.cfg), count=f"{q.answer:,}", **_numbers_of(q))
    if q.kind == "slice":
        direction = t("grid.reverse" if q.cfg.D == 2 else "grid.forward", lang)
        t_final = 0 if q.cfg.D == 2 else q.seq_len - 1
        head = t("quiz.rule_slice", lang, direction=direction, t=t_final, **facts)
        return join(lang, head, t(_slice_note(q), lang, **facts))
    if q.kind != "raises":  # packed, cell, embedding
        variant = "_onehot" if q.fact.get("one_hot") and q.target == "x" else ""
        variant = "_full" if q.target == "out" and q.fact["longest"] == q.seq_len else variant
        return t(f"quiz.why.{q.kind}.{q.target}{variant}", lang, **facts)
    error = (q.torch_error or "").rstrip(". ")  # the template ends the sentence
    said = t("quiz.rule_raises", lang, error=error) if error else t("quiz.rule_runs", lang)
    parts = [said, t(f"quiz.why.{q.target}", lang, warning=q.warning or "", **facts)]
    if (
        not batched and q.torch_error and "Expected hidden" in q.torch_error
    ):  # torch's (S, 1, H) for our (S, H)
        state = "quiz.rule_unbatched_c" if "hidden[1]" in q.torch_error else "quiz.rule_unbatched"
        parts.append(t(state, lang, **facts))
    return join(lang, *parts)


def _numbers_of(q: Question) -> dict[str, object]:
    return _numbers(q.cfg, q.seq_len, q.batch_size)


def prompt(q: Question) -> str:
    """The question's code, without the imports the page prints above it (torch, nn)."""
    extra = [line for line in imports(q.code) if line not in PRELUDE]
    return "\n".join([*extra, *([""] if extra else []), *q.code])


def check_script(q: Question) -> str:
    """A runnable script for this question: its code, then what was asked for, printed by torch
    itself (for 'raises', torch's error or "runs"). The answer is not in it."""
    lines = [*imports(q.code), "", *q.code]
    if q.kind == "raises":
        call = lines.pop()
        lines += [
            "try:",
            f"    {call}",
            "except (RuntimeError, ValueError, TypeError, IndexError) as err:",
            '    print("raises:", err)',
            "else:",
            '    print("runs")',
        ]
    else:
        lines.append(f'print("{q.target} =", {q.show})')
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
    if q.kind == "slice":
        return t("quiz.equal" if q.answer else "quiz.not_equal", lang)
    if q.kind == "count":
        return f"{q.answer:,}"
    return str(q.answer)


def question_settings(q: Question) -> dict:
    """Settings for the shapes page that show this question's module and input."""
    values = asdict(q.cfg)
    values |= {"seq_len": q.seq_len, "batch_size": q.batch_size or 3, "unbatched": q.batch_size is None}
    return values
