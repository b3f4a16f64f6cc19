"""The training demos learn, within their budget, the same way for the same seed."""

import ast
import math
import subprocess
import sys

import pytest
import torch

import explainer as ex
from explainer import train
from explainer.inputs import check_text


@pytest.mark.parametrize("task", train.TASKS)
def test_loss_falls_well_below_its_start_on_a_short_run(task):
    run = train.start(task, seed=0)
    for _ in range(150):
        train.train_step(run)
    assert run.losses[-1] < 0.05 * run.losses[0]


def test_char_rnn_learns_hello_world():
    run = train.start("char", seed=1, text="hello world")
    while not run.done:
        train.train_chunk(run, seconds=0.5)
    pred = train.prediction(run)
    assert pred["accuracy"] == 1.0 and pred["generated"] == "hello world"


def test_sine_lstm_predicts_unseen_stretch():
    run = train.start("sine", seed=2)
    while not run.done:
        train.train_chunk(run, seconds=0.5)
    pred = train.prediction(run)
    assert pred["mse"] < 1e-3 and len(pred["predicted"]) == len(pred["truth"]) == 60


def test_same_seed_same_run_whatever_the_global_rng():
    a = train.start("sine", seed=5)
    torch.manual_seed(123)
    torch.randn(100)
    b = train.start("sine", seed=5)
    for _ in range(20):
        train.train_step(a)
        train.train_step(b)
    assert a.losses == b.losses


def test_runs_are_bounded_and_stoppable():
    run = train.start("char", seed=0)
    train.train_chunk(run, seconds=0.01)
    assert 0 < run.step < train.MAX_STEPS
    run.stopped = True
    before = run.step
    train.train_chunk(run, seconds=1.0)
    assert run.step == before and run.done


def test_bad_text_is_refused():
    with pytest.raises(ValueError):
        train.start("char", text="")
    with pytest.raises(ValueError):
        train.start("transformer")


@pytest.mark.parametrize("steps", [0, 9, 501, 10**9, -5, 2.5, "100", True, None])
def test_step_counts_outside_the_range_are_refused_with_the_range(steps):
    with pytest.raises(ex.ConfigError) as err:
        train.start("char", steps=steps)
    assert err.value.field == "steps"
    for lang in ex.LANGS:
        message = err.value.localized(lang)
        assert "steps" in message and str(train.MIN_STEPS) in message and str(train.MAX_STEPS) in message


def test_a_run_stops_at_its_step_count():
    run = train.start("sine", seed=0, steps=train.MIN_STEPS)
    while not run.done:
        train.train_chunk(run, seconds=0.5)
    assert run.step == run.steps == train.MIN_STEPS and not run.stopped
    lines = train.losses_csv(run).splitlines()
    assert lines[0] == "step,loss" and len(lines) == 1 + train.MIN_STEPS
    step, loss = lines[-1].split(",")
    assert int(step) == train.MIN_STEPS - 1 and float(loss) == pytest.approx(run.losses[-1], rel=1e-8)


SCRIPT_STEPS = 30


@pytest.mark.parametrize(
    "task, seed, text", [("char", 3, 'it\'s "quoted" \\ ok'), ("sine", 2, "hello world")]
)
def test_the_exported_script_trains_the_same_model(task, seed, text):
    """Run on its own on the CPU, the script prints the page's losses and its prediction."""
    source = train.script(task, seed, text, SCRIPT_STEPS)
    out = subprocess.run(
        [sys.executable, "-c", source], capture_output=True, text=True, check=True, timeout=300
    )
    run = train.start(task, seed, text, "cpu", SCRIPT_STEPS)
    while not run.done:
        train.train_chunk(run, seconds=0.5)
    pred = train.prediction(run)
    printed = {}
    for line in out.stdout.splitlines():
        words = line.split(" ", 1)
        if words[0] == "step":
            _, step, _, loss = line.split()
            printed[int(step)] = float(loss)
        else:
            printed[words[0]] = words[1]
    steps = [k for k in printed if isinstance(k, int)]
    assert 0 in steps and SCRIPT_STEPS - 1 in steps
    for step in steps:
        assert printed[step] == pytest.approx(run.losses[step], rel=1e-5)
    if task == "char":
        assert ast.literal_eval(printed["generated"]) == pred["generated"]
    else:
        assert float(printed["mse"]) == pytest.approx(pred["mse"], rel=1e-4)


@pytest.mark.parametrize("text", ["a", "", "字"])
def test_a_text_too_short_to_train_on_is_refused_with_the_rule(text):
    """One character gives torch an empty (1, 0) batch: refused before a model is built, in both languages."""
    for call in (lambda: train.start("char", text=text), lambda: train.script("char", text=text)):
        with pytest.raises(ex.ConfigError) as err:
            call()
        assert err.value.field == "text" and err.value.rule == "train_text_len"
        assert "2" in err.value.localized("en") and "2" in err.value.localized("zh")
    assert train.check_train_text("ab") == "ab"
    assert check_text("a") == "a"  # a one-character text is still fine for the hidden-state page


def test_two_characters_are_enough_to_train():
    run = train.start("char", text="ab", steps=10)
    train.train_chunk(run, seconds=5.0)
    assert run.done and run.step == 10 and all(math.isfinite(v) for v in run.losses)
    assert train.prediction(run)["truth"] == "b"
