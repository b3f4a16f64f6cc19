"""Quiz questions: every expected answer is what the real module produces (or raises)."""

import ast
import contextlib
import functools
import io
import subprocess
import sys
import warnings

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from torch import nn

from explainer import i18n, quiz
from explainer import settings as settings_mod
from explainer.shapes import output_index


def real_answer(q: quiz.Question):
    """Ask real torch on the CPU, independently of the quiz's code, for the module's own kinds."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        module = getattr(nn, q.cfg.mode)(**q.cfg.module_kwargs())
    if q.kind == "count":
        return sum(p.numel() for p in module.parameters())
    if q.kind == "parameter":
        return tuple(dict(module.named_parameters())[q.target].shape)
    L, N, H_in = q.seq_len, q.batch_size, q.cfg.input_size
    x = torch.randn(L, H_in) if N is None else torch.randn(*((N, L) if q.cfg.batch_first else (L, N)), H_in)
    out, states = module(x)
    h_n, c_n = states if q.cfg.mode == "LSTM" else (states, None)
    return tuple({"output": out, "h_n": h_n, "c_n": c_n}[q.kind].shape)


def h0_raises(q: quiz.Question):
    """A 'raises' question on h_0 alone, asked of real torch: (raises?, its message)."""
    N, S = q.batch_size, q.cfg.D * q.cfg.num_layers
    module = getattr(nn, q.cfg.mode)(**q.cfg.module_kwargs())
    L, H_in = q.seq_len, q.cfg.input_size
    x = torch.randn(L, H_in) if N is None else torch.randn(*((N, L) if q.cfg.batch_first else (L, N)), H_in)
    h0 = torch.zeros(q.hx_shape)
    c0 = torch.zeros(S, *(() if N is None else (N,)), q.cfg.hidden_size)
    try:
        module(x, (h0, c0) if q.cfg.mode == "LSTM" else h0)
    except RuntimeError as err:
        return True, str(err)
    return False, None


def expected_slice(q: quiz.Question) -> bool:
    """Which slice of output is h_n[-1], from torch's documented layout (not from running it)."""
    batched, cfg = q.batch_size is not None, q.cfg
    t_final = q.seq_len - 1 if cfg.D == 1 else 0  # the reverse direction ends at t = 0
    right = {output_index(cfg, t_final, cfg.D - 1, batched)}
    if cfg.D == 1:  # one direction: the whole last step, however it is written
        right |= {"output[:, -1]"} if batched and cfg.batch_first else {"output[-1]"}
    return q.target in right


MODULE_KINDS = ("output", "h_n", "c_n", "parameter", "count")
STATE_MISTAKES = ("right", "layers", "state_bf", "state_len", "unbatched_3d", "proj")


@given(seed=st.integers(0, 10**6), level=st.sampled_from(quiz.LEVELS), index=st.integers(0, 9))
def test_expected_answers_are_real_torchs(seed, level, index):
    q = quiz.make_question(seed, level, index)
    if q.kind in MODULE_KINDS:
        assert q.answer == real_answer(q)
    elif q.kind == "raises" and q.target in STATE_MISTAKES:
        assert (q.answer, q.torch_error) == h0_raises(q)
    elif q.kind == "slice":
        assert q.answer == expected_slice(q)
    else:  # no oracle of its own here (packing, cells, embeddings, c_0/input/constructor mistakes):
        # real torch runs the lines the student reads (it asserted nothing on these kinds before)
        printed = printed_answer(q, run_script(q))
        assert printed == (
            ((True, q.torch_error) if q.answer else (False, "runs")) if q.kind == "raises" else q.answer
        )
    assert q == quiz.make_question(seed, level, index)  # the same question for the whole class


def run_script(q: quiz.Question) -> str:
    """The question's exported script, run: the one line it prints."""
    out = io.StringIO()
    with warnings.catch_warnings(), contextlib.redirect_stdout(out):
        warnings.simplefilter("ignore")
        exec(quiz.check_script(q), {})  # noqa: S102 - the quiz's own generated script
    return out.getvalue().strip()


def printed_answer(q: quiz.Question, line: str):
    if q.kind == "raises":
        return (True, line.removeprefix("raises: ")) if line.startswith("raises: ") else (False, line)
    name, _, value = line.partition(" = ")
    assert name == q.target
    return ast.literal_eval(value)


@settings(max_examples=200, deadline=None)
@given(seed=st.integers(0, 10**6), level=st.sampled_from(quiz.LEVELS), index=st.integers(0, 9))
def test_every_answer_is_what_its_own_code_does_in_real_torch(seed, level, index):
    """Every kind: the lines the student reads, run as a script, print the answer the page expects."""
    q = quiz.make_question(seed, level, index)
    printed = printed_answer(q, run_script(q))
    if q.kind == "raises":
        assert printed == ((True, q.torch_error) if q.answer else (False, "runs"))
    else:
        assert printed == q.answer


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


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_rule_and_answer_text(lang):
    for q in questions():
        text = quiz.rule(q, lang)
        assert text and quiz.show_answer(q, lang) and quiz.ask(q, lang) and i18n.t(quiz.hint_key(q), lang)
        assert "{" not in text.replace("{}", "")  # every placeholder filled
        if q.kind != "raises" and q.kind != "slice":
            assert str(q.answer) in text or f"{q.answer:,}" in text  # the rule reaches the answer
        values = settings_mod.applicable(settings_mod.DEFAULTS | quiz.question_settings(q))
        settings_mod.validate(values)  # the 'open in the shapes explorer' link is a valid setting


@functools.cache
def question_set() -> list[quiz.Question]:
    """1,200 questions (40 sets at every level), built once and only for the tests that read them."""
    return [
        quiz.make_question(seed, level, i) for seed in range(40) for level in quiz.LEVELS for i in range(10)
    ]


def test_the_quiz_covers_the_lesson():
    """Every mistake and every place the pages teach is asked, and the flags that never varied do."""
    lesson = {
        *("right", "layers", "state_bf", "state_len", "unbatched_3d", "proj"),  # h_0
        *("c_right", "c_missing", "c_proj", "c_bf"),  # c_0
        *("x_right", "x_features", "x_swapped"),  # input_size and the axes
        *("ctor_right", "ctor_sigmoid", "ctor_nonlinearity", "ctor_dropout_range", "ctor_dropout_one_layer"),
        *("ctor_proj", "pack_sorted", "pack_unsorted", "cell_right", "cell_sequence", "cell_layer_axis"),
        *("cell_time_as_batch", "emb_right", "emb_vocab", "onehot_right", "onehot_vocab"),
    }
    asked = {q.target for q in question_set() if q.kind == "raises"}
    for target in sorted(lesson - asked):  # the rarest (LSTM with proj_size, level 3): searched for, bounded
        sets = (quiz.make_question(seed, 3, i) for seed in range(40, 2000) for i in range(10))
        asked.add(next(q.target for q in sets if q.target == target))
    assert asked == lesson
    assert {q.target for q in question_set() if q.kind == "packed"} == {
        "packed.data",
        "packed.batch_sizes",
        "out",
        "h_n",
    }
    assert {q.target for q in question_set() if q.kind == "embedding"} == {"x", "emb.weight", "output"}
    assert {q.answer for q in question_set() if q.kind in ("raises", "slice")} == {True, False}
    assert {q.cfg.bias for q in question_set()} == {True, False}
    assert {q.cfg.nonlinearity for q in question_set()} == {"tanh", "relu"}
    assert {q.cfg.dropout for q in question_set()} > {0.0}
    assert any(q.cfg.D == 2 for q in question_set() if q.kind == "slice" and q.answer)


def test_the_batch_first_state_mistake_is_the_one_asked():
    """h_0 laid out like a batch-first x, (N, D·num_layers, H_out): torch refuses it and says so."""
    asked = [q for q in question_set() if q.target == "state_bf"]
    assert asked
    for q in asked:
        S = q.cfg.D * q.cfg.num_layers
        assert q.cfg.batch_first and q.hx_shape == (q.batch_size, S, q.cfg.H_out)
        assert q.answer and f"{list(q.hx_shape)}" in q.torch_error.replace(" ", "").replace(",", ", ")


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_count_rule_is_the_formula_with_the_questions_numbers(lang):
    for q in (q for q in question_set() if q.kind == "count"):
        terms = quiz.count_terms(q.cfg)
        assert eval(terms.replace("·", "*")) == q.answer  # noqa: S307 - digits, +, *, ( )
        assert f"{terms} = {q.answer:,}" in quiz.rule(q, lang)


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_unbatched_state_errors_say_why_torch_shows_a_1(lang):
    """torch adds a batch axis of 1 before checking: its (S, 1, H) is our (S, H), for h_0 and c_0."""

    def unbatched_error(q):
        return q.kind == "raises" and q.batch_size is None and "Expected hidden" in (q.torch_error or "")

    asked = [q for q in question_set() if unbatched_error(q)]
    level_3 = (quiz.make_question(seed, 3, i) for seed in range(60, 3000) for i in range(10))
    asked.append(next(q for q in level_3 if unbatched_error(q) and "hidden[1]" in q.torch_error))  # c_0
    for q in asked:
        S = q.cfg.D * q.cfg.num_layers
        H, name = (q.cfg.H_cell, "c_0") if "hidden[1]" in q.torch_error else (q.cfg.H_out, "h_0")
        assert f"({S}, 1, {H})" in q.torch_error  # torch's own message has the 1 ...
        text = quiz.rule(q, lang)
        assert f"({S}, 1, {H})" in text and f"{name} = ({S}, {H})" in text  # ... and we say why


@given(text=st.text(max_size=90), kind=st.sampled_from(quiz.KINDS))
def test_any_answer_text_parses_or_gets_a_hint(text, kind):
    """Never raises; what it reads is an answer of the kind asked (else None: the page's hint)."""
    given = quiz.parse_answer(text, kind)
    if given is None:
        return
    if kind in quiz.YES_NO_KINDS:
        assert isinstance(given, bool)
    elif kind == "count":
        assert type(given) is int and given >= 0
    else:
        assert isinstance(given, tuple) and given and all(type(d) is int and d >= 0 for d in given)
        assert len(given) <= quiz.SHAPE_DIMS.get(kind, 5)


@functools.cache
def questions() -> list[quiz.Question]:
    """Eight sets at every level, for the test that runs their scripts in a separate process."""
    return [
        quiz.make_question(seed, level, i) for seed in range(8) for level in quiz.LEVELS for i in range(10)
    ]


def test_check_scripts_print_what_real_torch_says():
    """The quiz's exported script, run on its own, prints the question's answer (torch's own)."""
    script = "\n".join(
        f"print('case {i}')\nexec({quiz.check_script(q)!r}, {{}})" for i, q in enumerate(questions())
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=300
    )
    blocks = out.stdout.split("case ")[1:]
    assert len(blocks) == len(questions())
    assert {q.kind for q in questions()} == set(quiz.KINDS)
    for block, q in zip(blocks, questions(), strict=True):
        line = block.splitlines()[1]
        if q.kind == "raises":
            assert line == (f"raises: {q.torch_error}" if q.answer else "runs"), (q, line)
            continue
        name, _, value = line.partition(" = ")
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
    for lang in i18n.LANGS:
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


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_quiz_page_asks_and_explains_the_new_kinds(lang):
    """An 'are they equal?' question and a packed.batch_sizes question, on the page: hint, answer, rule."""
    from test_pages import open_page

    for seed, asked, hint in (
        (1, "slice", "quiz.hint.equal"),
        (31, "packed.batch_sizes", "quiz.hint.numbers"),
    ):
        q = quiz.make_question(seed, 2, 0)
        assert asked in (q.kind, q.target)  # the question set this test was written for
        at = open_page("views/5_Quiz.py", lang=lang, quiz_seed=str(seed), level="2")
        assert quiz.ask(q, lang) in at.markdown[1].value
        key = f"quiz_answer_{seed}_2_0"
        at.text_input(key=key).input("abc")
        at.button[0].click().run()
        assert [i.value for i in at.info] == [i18n.t(hint, lang)]
        at.text_input(key=key).input(quiz.show_answer(q, lang))
        at.button[0].click().run()
        assert at.success[0].value == i18n.t("quiz.correct", lang, answer=quiz.show_answer(q, lang))
        assert not at.exception
