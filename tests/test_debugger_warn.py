"""Issue 11, items 3-5: autograd's version check, fixes that keep the model's states, silent mistakes.

Every snippet is run by diagnose_source and executed for real here (same verdict, message, line,
shapes); each explanation is checked in both languages, and each fix, put in place, runs under
real torch and computes what was meant.
"""

import pytest
from test_debugger import H, assert_same, run_real
from test_debugger_audit import explained, fix_runs

from explainer.debugger import diagnose_source


@pytest.fixture(autouse=True, scope="module")
def _warm():
    from explainer.debugger import warm_up_once

    warm_up_once()


# --- 1. backward() through a saved value changed in place since -----------------------------------

INPLACE = {
    "step between two backward calls": H
    + """rnn = nn.LSTM(10, 20, 1)
fc = nn.Linear(20, 1)
opt = torch.optim.SGD(list(rnn.parameters()) + list(fc.parameters()), lr=0.1)
x = torch.randn(5, 3, 10)
out, (h, c) = rnn(x)
loss = fc(out[-1]).sum()
loss.backward(retain_graph=True)
opt.step()
loss.backward()
""",
    "AdamW moves the version twice a step": H
    + """rnn = nn.GRU(4, 6, 2)
opt = torch.optim.AdamW(rnn.parameters())
x = torch.randn(7, 2, 4)
out, h = rnn(x)
loss = out.pow(2).mean()
loss.backward(retain_graph=True)
opt.step()
opt.step()
loss.backward()
""",
    "the input changed in place": H
    + """fc = nn.Linear(10, 2)
x = torch.randn(4, 10)
loss = fc(x).sum()
loss.backward(retain_graph=True)
x += 1
loss.backward()
""",
    "the input zeroed by zero_": H
    + """rnn = nn.RNN(3, 5)
x = torch.randn(6, 2, 3)
out, h = rnn(x)
loss = out.sum()
loss.backward(retain_graph=True)
x.zero_()
loss.backward()
""",
}

CARRIED = (
    H
    + """rnn = nn.LSTM(10, 20, 2)
fc = nn.Linear(20, 1)
opt = torch.optim.Adam(list(rnn.parameters()) + list(fc.parameters()), lr=0.01)
h = None
for step in range(3):
    x = torch.randn(5, 3, 10)
    out, h = rnn(x, h)
    loss = fc(out[-1]).pow(2).mean()
    opt.zero_grad()
    loss.backward(retain_graph=True)
    opt.step()
"""
)


@pytest.mark.parametrize("key", sorted(INPLACE))
def test_a_saved_value_changed_in_place_raises_torchs_words(key):
    source = INPLACE[key]
    real = run_real(source)
    assert not real["ok"] and "modified by an inplace operation" in real["error"], real
    explained(source, "inplace_version")  # verdict, message (versions, shapes) and line are torch's
    d = diagnose_source(source)
    assert d.fix is None  # no state to detach: the text says to run the forward pass again
    for lang in ("en", "zh"):
        assert "backward()" in diagnose_source(source, lang).explanation


def test_a_state_carried_with_retain_graph_fails_after_the_step_and_is_detached():
    real = run_real(CARRIED)
    assert not real["ok"] and "modified by an inplace operation" in real["error"], real
    explained(CARRIED, "inplace_version")
    d = diagnose_source(CARRIED)
    assert "on line 12" in d.explanation and "step on line 13" in d.explanation, d.explanation
    fixed = fix_runs(CARRIED)
    assert "h = tuple(s.detach() for s in h)" in fixed
    assert d.after_fix is not None and d.after_fix.ok


def test_retain_graph_without_a_change_in_between_runs():
    source = INPLACE["step between two backward calls"].replace("opt.step()\n", "")
    assert run_real(source)["ok"]
    assert_same(source)
    fresh = CARRIED.replace("out, h = rnn(x, h)", "out, h = rnn(x)")  # nothing carried: a new graph
    assert run_real(fresh)["ok"]
    assert_same(fresh)


def test_zero_grad_before_the_step_leaves_the_weights_alone():
    # set_to_none: no .grad, so step() changes nothing and the saved weights are as they were
    source = INPLACE["step between two backward calls"].replace(
        "opt.step()\n", "opt.zero_grad()\nopt.step()\n"
    )
    assert run_real(source)["ok"]
    assert_same(source)
