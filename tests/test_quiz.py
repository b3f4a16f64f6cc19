"""Quiz questions: every expected answer is what the real module produces (or raises)."""

import ast
import subprocess
import sys
import warnings

import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st
from torch import nn

import explainer as ex
from explainer import quiz


def real_answer(q: quiz.Question):
    """Ask real torch on the CPU, independently of shape_table."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        module = getattr(nn, q.cfg.mode)(**q.cfg.module_kwargs())
    if q.kind == "count":
        return sum(p.numel() for p in module.parameters())
    if q.kind == "parameter":
        return tuple(dict(module.named_parameters())[q.target].shape)
    L, N, H_in = q.seq_len, q.batch_size, q.cfg.input_size
    x = torch.randn(L, H_in) if N is None else torch.randn(*((N, L) if q.cfg.batch_first else (L, N)), H_in)
    hx = None
    if q.kind == "raises":
        h0 = torch.zeros(q.hx_shape)
        if q.cfg.mode == "LSTM":
            c_shape = (q.cfg.D * q.cfg.num_layers, *(() if N is None else (N,)), q.cfg.hidden_size)
            hx = (h0, torch.zeros(c_shape))
        else:
            hx = h0
        try:
            module(x, hx)
        except RuntimeError as err:
            return True, str(err)
        return False, None
    out, states = module(x)
    h_n, c_n = states if q.cfg.mode == "LSTM" else (states, None)
    return tuple({"output": out, "h_n": h_n, "c_n": c_n}[q.kind].shape)


@given(seed=st.integers(0, 10**6), level=st.sampled_from(quiz.LEVELS), index=st.integers(0, 9))
def test_expected_answers_are_real_torchs(seed, level, index):
    q = quiz.make_question(seed, level, index)
    real = real_answer(q)
    if q.kind == "raises":
        assert (q.answer, q.torch_error) == real
    else:
        assert q.answer == real


def test_a_seed_is_a_question_set():
    first = [quiz.make_question(5, 2, i) for i in range(10)]
    assert first == [quiz.make_question(5, 2, i) for i in range(10)]
    assert first != [quiz.make_question(6, 2, i) for i in range(10)]


def test_levels_grow():
    l1 = [quiz.make_question(s, 1, i) for s in range(20) for i in range(10)]
    l3 = [quiz.make_question(s, 3, i) for s in range(20) for i in range(10)]
    assert all(q.cfg.num_layers == 1 and not q.cfg.bidirectional and q.batch_size for q in l1)
    assert any(q.cfg.proj_size for q in l3) and any(q.batch_size is None for q in l3)
    assert {q.kind for q in l3} == set(quiz.KINDS)


@pytest.mark.parametrize(
    "text", ["(2, 5, 20)", "2,5,20", "[2 5 20]", "torch.Size([2, 5, 20])", " 2, 5, 20 ", "2x5x20"]
)
def test_forgiving_shapes(text):
    assert quiz.parse_answer(text, "output") == (2, 5, 20)


@pytest.mark.parametrize(
    "text, kind, expected",
    [
        ("5,920", "count", 5920),
        ("yes", "raises", True),
        ("会", "raises", True),
        ("不会", "raises", False),
        ("no", "raises", False),
        ("abc", "output", None),
        ("", "output", None),
        ("maybe", "raises", None),
        ("<script>", "count", None),
        ("1" * 200, "output", None),
        ("¹", "count", None),
        ("2, ¹", "output", None),
        ("9" * 70, "output", None),
        ("５，９２０", "count", 5920),
        ("（２，５，２０）", "output", (2, 5, 20)),
    ],
)
def test_answers_parse_or_get_a_hint(text, kind, expected):
    assert quiz.parse_answer(text, kind) == expected


@pytest.mark.parametrize("lang", ex.LANGS)
def test_rule_and_answer_text(lang):
    for i in range(10):
        q = quiz.make_question(3, 3, i)
        assert quiz.rule(q, lang) and quiz.show_answer(q, lang)
        values = ex.applicable(ex.DEFAULTS | quiz.question_settings(q))
        ex.validate(values)  # the 'open in the shapes explorer' link is a valid setting


@given(text=st.text(max_size=90), kind=st.sampled_from(quiz.KINDS))
def test_any_answer_text_parses_or_gets_a_hint(text, kind):
    quiz.parse_answer(text, kind)  # never raises


QUESTIONS = [
    quiz.make_question(seed, level, i) for seed in range(4) for level in quiz.LEVELS for i in range(10)
]


def test_check_scripts_print_what_real_torch_says():
    """The quiz's exported script, run on its own, prints the question's answer (torch's own)."""
    script = "\n".join(
        f"print('case {i}')\nexec({quiz.check_script(q)!r}, {{}})" for i, q in enumerate(QUESTIONS)
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=300
    )
    blocks = out.stdout.split("case ")[1:]
    assert len(blocks) == len(QUESTIONS)
    assert {q.kind for q in QUESTIONS} == set(quiz.KINDS)
    for block, q in zip(blocks, QUESTIONS, strict=True):
        line = block.splitlines()[1]
        if q.kind == "raises":
            assert line == (f"raises: {q.torch_error}" if q.answer else "runs"), (q, line)
            continue
        name, _, value = line.partition(" ")
        assert name == q.target
        assert ast.literal_eval(value) == q.answer, (q, line)


def test_only_the_first_answer_counts():
    scores = {}
    assert quiz.record(scores, (1, 2, 3), False) is True  # the first answer: scored
    assert quiz.record(scores, (1, 2, 3), True) is False  # a retry: practice
    assert scores == {(1, 2, 3): False}
    assert quiz.record(scores, (1, 2, 4), True) is True
    assert scores == {(1, 2, 3): False, (1, 2, 4): True}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("会报错", True),
        ("不会报错", False),
        ("会", True),
        ("不会", False),
        ("是", True),
        ("否", False),
        ("是的", True),
        ("是的，会报错", True),
        ("不会，能正常运行", False),
        ("yes, it raises", True),
        ("no, it runs", False),
        ("yes.", True),
        ("Yes!", True),
        ("NO.", False),
        ("会报错！", True),
        ("RuntimeError", True),
        ("no idea", None),  # not a "no"
        ("yes, it runs", None),  # contradicts itself: a hint, not a guess
        ("不会，会报错", None),
        ("maybe", None),
        ("错误", None),  # "wrong"/"error": unclear
        ("", None),
    ],
)
def test_natural_yes_no_answers(text, expected):
    assert quiz.parse_answer(text, "raises") is expected


@pytest.mark.parametrize(
    "text",
    ["2X5X20", "2×5×20", "2 X 5 X 20", "2*5*20", "Size([2,5,20])", "size([2, 5, 20])", "2;5;20", "2, 5, 20."],
)
def test_more_forgiving_shapes(text):
    assert quiz.parse_answer(text, "output") == (2, 5, 20)


@given(seed=st.integers(0, 10**6), level=st.sampled_from(quiz.LEVELS), index=st.integers(0, 9))
def test_what_the_page_shows_as_the_answer_is_accepted_as_the_answer(seed, level, index):
    q = quiz.make_question(seed, level, index)
    for lang in ex.LANGS:
        assert quiz.parse_answer(quiz.show_answer(q, lang), q.kind) == q.answer


ANSWER_WORDS = sorted(quiz.YES | quiz.NO)


@given(
    word=st.sampled_from(ANSWER_WORDS),
    upper=st.booleans(),
    end=st.sampled_from(["", ".", "。", "!", "！", "?", " "]),
    pad=st.sampled_from(["", " ", "  "]),
)
def test_yes_and_no_words_survive_case_space_and_end_punctuation(word, upper, end, pad):
    text = pad + (word.upper() if upper else word) + end
    assert quiz.parse_answer(text, "raises") is (word in quiz.YES)


@given(
    lead=st.sampled_from(["yes", "是的", "会", "y"]),
    rest=st.sampled_from(["it raises", "会报错", "raises"]),
    sep=st.sampled_from([", ", "，", " ", "; ", "、"]),
)
def test_a_yes_with_its_reason_is_a_yes(lead, rest, sep):
    assert quiz.parse_answer(lead + sep + rest, "raises") is True
    assert quiz.parse_answer("no" + sep + rest, "raises") is None  # "no, it raises": contradictory


@given(text=st.text(alphabet="qwzjkv#@%^&", min_size=1, max_size=40), kind=st.sampled_from(quiz.KINDS))
def test_gibberish_gets_a_hint(text, kind):
    assert quiz.parse_answer(text, kind) is None


def test_yes_and_no_words_do_not_overlap():
    assert not quiz.YES & quiz.NO
