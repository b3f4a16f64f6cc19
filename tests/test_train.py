"""The training demos learn, within their budget, the same way for the same seed."""

import ast
import math
import subprocess
import sys

import pytest
import torch

import explainer as ex
from explainer import i18n, train
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
    for lang in i18n.LANGS:
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


# --- stateful training and truncated BPTT ---------------------------------------------------------


def _run(way, k=3, steps=None, seed=0):
    run = train.stateful_start(way, k, seed)
    if steps is not None:
        run.steps = steps
    while not run.done:
        train.stateful_chunk(run, seconds=1.0)
    return run


def test_carrying_the_state_without_detach_raises_torchs_own_error_at_the_second_step():
    run = _run("carry", steps=5)
    # the same two steps written out here, with a plain LSTM: torch's message, word for word
    lstm = torch.nn.LSTM(1, 4, batch_first=True)
    state, expected = None, None
    for _ in range(2):
        out, state = lstm(torch.ones(2, 3, 1), state)
        try:
            out.sum().backward()
        except RuntimeError as err:
            expected = str(err)
    assert expected and "backward through the graph a second time" in expected
    assert run.error == expected and run.step == 1  # the first step trained; the second refused


def test_detach_keeps_the_graph_to_one_chunk_and_retain_grows_it_by_one_chunk_a_step():
    detach, retain = _run("detach", steps=6), _run("retain", steps=6)
    assert not detach.error and not retain.error
    assert detach.span == [1] * 6 and len(set(detach.nodes)) == 1 and len(set(detach.saved)) == 1
    assert retain.span == [1, 2, 3, 4, 5, 6]
    grow = [b - a for a, b in zip(retain.nodes, retain.nodes[1:], strict=False)]
    assert len(set(grow)) == 1 and grow[0] > 0  # the same nodes again for every chunk it reaches
    assert retain.saved == [retain.saved[0] * s for s in retain.span]  # every chunk's saved tensors kept
    assert retain.nodes[0] == detach.nodes[0] and retain.saved[0] == detach.saved[0]
    # a finished run kept in a session holds no graph: nothing reaches the retained chunks any more
    assert retain.state is None and retain._chunk_nodes == []


def test_reset_gives_every_chunk_a_zero_state():
    run = _run("reset", steps=4)
    assert run.span == [1] * 4
    # a zero state passed by hand gives the same first-chunk loss as the run's 'None'
    again = train.stateful_start("reset", 3, 0)
    x, y = train._chunk(again)
    zeros = tuple(torch.zeros(1, train.STREAMS, train.HIDDEN) for _ in range(2))
    pred, _ = again.model(x, zeros)
    assert torch.nn.functional.mse_loss(pred, y).item() == pytest.approx(run.losses[0], rel=1e-6)


def test_a_new_epoch_starts_new_waves_with_a_zero_state():
    run = train.stateful_start("detach", 2, 0)
    for _ in range(train.EPOCH_CHUNKS):
        train.stateful_step(run)
    assert run.state is not None
    before = run.starts.clone()
    train._chunk(run)  # the first chunk of the next epoch
    assert run.state is None and not torch.equal(before, run.starts)


def test_truncated_bptt_learns_where_a_zero_state_cannot():
    """Read as trained, the detached state predicts a batch's first step far better than a zero state."""
    reset, detach = _run("reset", k=5), _run("detach", k=5)
    assert detach.losses[-1] < 0.05 * detach.losses[0]
    r, d = train.stateful_eval(reset), train.stateful_eval(detach)
    assert len(r) == len(d) == 5
    assert d[0] < 0.2 * r[0]  # one value cannot tell rising from falling; a carried state can
    assert r[0] > r[-1]  # and the zero state's first step is its worst


def test_retain_graph_with_an_optimiser_is_torchs_inplace_error():
    error = train.retain_update_error()
    assert "modified by an inplace operation" in error


def test_a_state_for_a_larger_batch_is_refused_by_torch_and_a_sliced_one_runs():
    error, full, fixed = train.last_batch_error(16, 12)
    lstm = torch.nn.LSTM(1, train.HIDDEN, batch_first=True)
    state = (torch.zeros(1, 16, train.HIDDEN), torch.zeros(1, 16, train.HIDDEN))
    with pytest.raises(RuntimeError) as err:
        lstm(torch.zeros(12, 3, 1), state)
    assert error == str(err.value)
    assert full == [1, 16, train.HIDDEN] and fixed == [1, 12, train.HIDDEN]


@pytest.mark.parametrize("k", [0, 51, 2.5, "5", True, None])
def test_k_outside_its_range_is_refused_with_the_range(k):
    with pytest.raises(ex.ConfigError) as err:
        train.stateful_start("detach", k)
    assert err.value.field == "k"
    for lang in i18n.LANGS:
        assert "1" in err.value.localized(lang) and "50" in err.value.localized(lang)


def test_stateful_csv_has_a_row_per_way_and_step():
    runs = {"detach": _run("detach", steps=3), "carry": _run("carry", steps=3)}
    lines = train.stateful_csv(runs).splitlines()
    assert lines[0].startswith("way,step,loss") and len(lines) == 1 + 3 + 1
    assert lines[-1].startswith("carry,1,")
