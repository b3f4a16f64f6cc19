"""The training demos learn, within their budget, the same way for the same seed."""

import pytest
import torch

from explainer import train


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
