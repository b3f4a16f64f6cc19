"""Constructs the audit found learners paste, each against real torch executed here (never in the app).

nn.Sequential and activation layers, torch.nn.functional, more torch functions and tensor methods,
comprehensions and generator expressions, losses, optimizers (built by torch, step and zero_grad
doing nothing on meta), backward's own checks, .item(), item assignment, assert, dicts and
``**kwargs``, typing and ``from __future__``, while/break/continue, class-level constants,
starred arguments, nn.ModuleList, and the cache that lets a training loop repeat a recurrent
layer's call for free. Then the silent loss broadcast, and hostile uses of each new construct.
"""

import os
import warnings

import pytest
import torch
from test_debugger import assert_same, run_real
from test_debugger_audit import explained, fix_runs, phrase

from explainer.debugger import diagnose_source, errors, meta
from explainer.debugger.limits import META_CALL_S, WORK_LIMIT_S
from explainer.i18n import MESSAGES

WORK_BOUND = WORK_LIMIT_S + META_CALL_S  # the counted budget, and one recurrent call past it


@pytest.fixture(autouse=True, scope="module")
def _warm():
    from explainer.debugger import warm_up_once

    warm_up_once()


CASES = {
    "seq_ok": """import torch
import torch.nn as nn
head = nn.Sequential(nn.Linear(20, 16), nn.ReLU(), nn.Dropout(0.1), nn.Linear(16, 3), nn.Softmax(dim=-1))
lstm = nn.LSTM(10, 20, batch_first=True)
x = torch.randn(4, 7, 10)
out, (h, c) = lstm(x)
y = head(out[:, -1])
first = head[0]
n = len(head)
""",
    "seq_bidir_bad": """import torch
import torch.nn as nn
lstm = nn.LSTM(10, 20, batch_first=True, bidirectional=True)
head = nn.Sequential(nn.Linear(20, 16), nn.Tanh(), nn.Linear(16, 3))
x = torch.randn(4, 7, 10)
out, _ = lstm(x)
y = head(out[:, -1, :])
""",
    "seq_lstm_inside": """import torch
import torch.nn as nn
model = nn.Sequential(nn.LSTM(10, 20), nn.Linear(20, 1))
y = model(torch.randn(5, 3, 10))
""",
    "seq_two_args": """import torch
import torch.nn as nn
model = nn.Sequential(nn.Linear(3, 4))
y = model(torch.randn(2, 3), torch.randn(2, 3))
""",
    "functional_ok": """import torch
import torch.nn as nn
import torch.nn.functional as F
x = torch.randn(5, 3, 8)
gru = nn.GRU(8, 16)
out, h = gru(x)
a = F.relu(out)
b = F.tanh(a)
c = F.sigmoid(b)
p = F.softmax(out[-1], dim=1)
lp = F.log_softmax(out[-1], dim=-1)
d = F.dropout(out, p=0.2, training=True)
w = torch.randn(4, 16)
z = F.linear(h[-1], w)
""",
    "functional_from_bad": """import torch
from torch import nn
from torch.nn import functional as F
x = torch.randn(5, 16)
w = torch.randn(4, 8)
z = F.linear(x, w)
""",
    "torch_funcs_ok": """import torch
t = torch.linspace(0, 6.28, 100)
s = torch.sin(t).unsqueeze(-1)
pos = torch.arange(10)
f = torch.full((4,), 7)
g = torch.full((2, 3), 0.5)
x = torch.randn(4, 6, 3)
o = torch.ones_like(x)
r = torch.randn_like(x)
a, b = torch.chunk(x, 2, dim=1)
parts = torch.split(x, [1, 5], dim=1)
m = torch.mean(x, dim=1)
sm = torch.sum(x, 1)
am = torch.argmax(x, dim=-1)
fl = torch.flip(x, dims=[1])
th = torch.tanh(x) + torch.sigmoid(x) + torch.relu(x)
p = torch.softmax(x, dim=-1)
vals, idx = torch.max(x, dim=2)
""",
    "torch_funcs_bad": """import torch
x = torch.randn(4, 6, 3)
y = torch.randn(4, 5, 3)
z = torch.tanh(x) + torch.sigmoid(y)
""",
    "split_bad": """import torch
x = torch.randn(4, 6, 3)
a, b = torch.split(x, [2, 3], dim=1)
""",
    "methods_ok": """import torch
import torch.nn as nn
lstm = nn.LSTM(3, 8, batch_first=True)
x = torch.randn(2, 5, 3)
out, (h, c) = lstm(x)
pooled = out.mean(dim=1)
total = out.sum(1)
best, where = out.max(dim=2)
top = out.argmax(-1)
hd = h.detach()
fwd, bwd = out.chunk(2, dim=-1)
pieces = out.split(4, dim=-1)
big = h.expand(3, 2, 8)
rep = h.repeat(1, 1, 2)
x2 = torch.randn(3, 4).requires_grad_()
n = x.size(0) * x.shape[1]
vals = torch.tensor([3, 1, 2]).tolist()
k = torch.tensor([5]).item()
""",
    "methods_bad": """import torch
out = torch.randn(2, 5, 8)
fwd, bwd = out.chunk(3, dim=1)
""",
    "item_print": """import torch
import torch.nn as nn
lstm = nn.LSTM(3, 4)
loss_fn = nn.MSELoss()
x = torch.randn(5, 2, 3)
y = torch.randn(5, 2, 4)
losses = []
total = 0.0
for epoch in range(3):
    out, _ = lstm(x)
    loss = loss_fn(out, y)
    total += loss.item()
    losses.append(loss.item())
    print(f"epoch {epoch}: {loss.item():.4f}")
mean = total / 3
avg = sum(losses) / len(losses)
""",
    "item_not_scalar": """import torch
import torch.nn as nn
lstm = nn.LSTM(3, 4)
out, _ = lstm(torch.randn(5, 2, 3))
v = out.item()
""",
    "listcomp_pad": """import torch
from torch.nn.utils.rnn import pad_sequence, pack_padded_sequence
import torch.nn as nn
lengths = [5, 3, 2]
seqs = [torch.randn(n, 4) for n in lengths]
padded = pad_sequence(seqs)
packed = pack_padded_sequence(padded, torch.tensor(lengths))
gru = nn.GRU(4, 6)
out, h = gru(packed)
sizes = [s.shape[0] for s in seqs if s.shape[0] > 2]
table = {i: n * 2 for i, n in enumerate(lengths)}
""",
    "genexp_detach": """import torch
import torch.nn as nn
lstm = nn.LSTM(3, 4, num_layers=2)
x = torch.randn(6, 2, 3)
hidden = (torch.zeros(2, 2, 4), torch.zeros(2, 2, 4))
for step in range(3):
    out, hidden = lstm(x, hidden)
    hidden = tuple(h.detach() for h in hidden)
h, c = hidden
""",
    "listcomp_bad": """import torch
import torch.nn as nn
cells = [nn.GRUCell(4 if i == 0 else 8, 8) for i in range(2)]
x = torch.randn(3, 4)
hs = [torch.zeros(3, 8) for _ in cells]
h0 = cells[0](x, hs[0])
h1 = cells[1](x, hs[1])
""",
    "loss_ce_ok": """import torch
import torch.nn as nn
lstm = nn.LSTM(8, 16, batch_first=True)
fc = nn.Linear(16, 5)
criterion = nn.CrossEntropyLoss()
x = torch.randn(4, 7, 8)
y = torch.randint(0, 5, (4,))
out, _ = lstm(x)
logits = fc(out[:, -1, :])
loss = criterion(logits, y)
""",
    "loss_ce_seq_bad": """import torch
import torch.nn as nn
lstm = nn.LSTM(8, 16, batch_first=True)
fc = nn.Linear(16, 5)
criterion = nn.CrossEntropyLoss()
x = torch.randn(4, 7, 8)
y = torch.randint(0, 5, (4, 7))
out, _ = lstm(x)
logits = fc(out)
loss = criterion(logits, y)
""",
    "loss_ce_2d_target": """import torch
import torch.nn as nn
criterion = nn.CrossEntropyLoss()
logits = torch.randn(4, 5)
y = torch.randint(0, 5, (4, 1))
loss = criterion(logits, y)
""",
    "loss_nll_batch": """import torch
import torch.nn as nn
import torch.nn.functional as F
logits = torch.randn(28, 5)
y = torch.randint(0, 5, (4,))
loss = nn.NLLLoss()(F.log_softmax(logits, dim=1), y)
""",
    "loss_mse_bad": """import torch
import torch.nn as nn
pred = torch.randn(4, 3)
target = torch.randn(5)
loss = nn.MSELoss()(pred, target)
""",
    "optim_loop": """import torch
import torch.nn as nn
model = nn.GRU(3, 8)
head = nn.Linear(8, 1)
params = list(model.parameters()) + list(head.parameters())
opt = torch.optim.Adam(params, lr=1e-3)
sgd = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
loss_fn = nn.MSELoss()
x = torch.randn(5, 2, 3)
y = torch.randn(2, 1)
for epoch in range(2):
    opt.zero_grad()
    out, h = model(x)
    loss = loss_fn(head(h[-1]), y)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    opt.step()
n_params = sum(p.numel() for p in model.parameters())
n_train = sum(p.numel() for p in model.parameters() if p.requires_grad)
count = len(list(model.parameters()))
""",
    "optim_empty": """import torch
import torch.nn as nn
model = nn.LSTM(3, 4)
params = model.parameters()
n = sum(p.numel() for p in params)
opt = torch.optim.SGD(params, lr=0.1)
""",
    "optim_bad_lr": """import torch
import torch.nn as nn
model = nn.LSTM(3, 4)
opt = torch.optim.Adam(model.parameters(), lr=-0.01)
""",
    "backward_not_scalar": """import torch
import torch.nn as nn
lstm = nn.LSTM(3, 4)
out, _ = lstm(torch.randn(5, 2, 3))
out.backward()
""",
    "backward_no_grad": """import torch
import torch.nn as nn
lstm = nn.LSTM(3, 4)
with torch.no_grad():
    out, _ = lstm(torch.randn(5, 2, 3))
loss = out.sum()
loss.backward()
""",
    "subscript_assign": """import torch
import torch.nn as nn
cell = nn.RNNCell(4, 6)
x = torch.randn(5, 3, 4)
h = torch.zeros(3, 6)
out = torch.zeros(5, 3, 6)
for t in range(5):
    h = cell(x[t], h)
    out[t] = h
out[:, 0] += 1
cfg = {"hidden": 6}
cfg["layers"] = 2
xs = [0, 0]
xs[1] = out
""",
    "subscript_assign_bad": """import torch
import torch.nn as nn
cell = nn.RNNCell(4, 6)
x = torch.randn(5, 3, 4)
h = torch.zeros(3, 6)
out = torch.zeros(5, 3, 4)
for t in range(5):
    h = cell(x[t], h)
    out[t] = h
""",
    "assert_ok": """import torch
import torch.nn as nn
lstm = nn.LSTM(10, 20, num_layers=2, batch_first=True)
x = torch.randn(3, 5, 10)
out, (h, c) = lstm(x)
assert out.shape == (3, 5, 20)
assert h.shape == (2, 3, 20), "h_n is (num_layers, N, H)"
""",
    "assert_bad": """import torch
import torch.nn as nn
lstm = nn.LSTM(10, 20, num_layers=2, batch_first=True)
x = torch.randn(3, 5, 10)
out, (h, c) = lstm(x)
assert h.shape == (3, 2, 20), f"got {tuple(h.shape)}"
""",
    "dict_kwargs": """import torch
import torch.nn as nn
config = {"input_size": 10, "hidden_size": 20, "num_layers": 2, "batch_first": True}
lstm = nn.LSTM(**config)
extra = {**config, "bidirectional": True}
bi = nn.LSTM(**extra)
x = torch.randn(4, 6, config["input_size"])
out, _ = bi(x)
h0 = torch.zeros(config["num_layers"], 4, config.get("hidden_size", 8))
out2, _ = lstm(x, (h0, h0))
keys = list(config.keys())
""",
    "star_args_and_kwargs_in_a_def": """import torch
import torch.nn as nn
class Net(nn.Module):
    def __init__(self, **kwargs):
        super().__init__()
        self.lstm = nn.LSTM(kwargs["input_size"], kwargs.get("hidden", 4), batch_first=True)
    def forward(self, x, *rest, **opts):
        out, _ = self.lstm(x)
        return out, len(rest), sorted(opts)
def total(*parts, scale=1):
    return sum(parts) * scale
net = Net(input_size=3, hidden=total(2, 3, scale=2))
out, n, keys = net(torch.randn(2, 5, 3), 1, 2, flag=True)
y = torch.zeros(n, total(), len(keys))
bad = net(torch.randn(2, 5, total(1, 1, 2)))
""",
    "keyword_given_twice": """import torch
def f(x, y=1, **rest):
    return torch.zeros(x, y)
a = f(2, y=3, z=4)
b = f(2, x=3)
""",
    "keyword_only_missing": """import torch
def f(x, *, n):
    return torch.zeros(x, n)
a = f(2, n=3)
b = f(2)
""",
    "dict_kwargs_bad": """import torch
import torch.nn as nn
config = {"input_size": 10, "hidden_size": 20, "num_layers": 2, "batch_first": True}
lstm = nn.LSTM(**config)
x = torch.randn(4, 6, config["input_size"])
h0 = torch.zeros(config["num_layers"], 6, config["hidden_size"])
out, _ = lstm(x, (h0, h0))
""",
    "future_typing": """from __future__ import annotations
from typing import Optional, Tuple
import typing
import torch
import torch.nn as nn
Hidden = Tuple[torch.Tensor, torch.Tensor]

class Encoder(nn.Module):
    def __init__(self, n_in: int, n_hidden: int) -> None:
        super().__init__()
        self.lstm = nn.LSTM(n_in, n_hidden)

    def forward(self, x: torch.Tensor, state: Optional[Hidden] = None) -> typing.Tuple[torch.Tensor, Hidden]:
        return self.lstm(x, state)

enc = Encoder(3, 5)
out, (h, c) = enc(torch.randn(4, 2, 3))
count: int = 0
""",
    "while_break": """import torch
import torch.nn as nn
cell = nn.GRUCell(3, 4)
h = torch.zeros(2, 4)
x = torch.randn(10, 2, 3)
t = 0
while t < 10:
    h = cell(x[t], h)
    t += 1
    if t == 6:
        break
for step in range(5):
    if step % 2 == 0:
        continue
    h = cell(x[step], h)
else:
    done = True
""",
    "while_bad": """import torch
import torch.nn as nn
cell = nn.GRUCell(3, 4)
h = torch.zeros(2, 4)
x = torch.randn(10, 3, 3)
t = 0
while t < len(x):
    h = cell(x[t], h)
    t += 1
""",
    "class_constants": """import torch
import torch.nn as nn

class Tagger(nn.Module):
    HIDDEN = 32
    LAYERS: int = 2
    BIDIR = True

    def __init__(self, n_in):
        super().__init__()
        self.rnn = nn.GRU(n_in, self.HIDDEN, num_layers=self.LAYERS, bidirectional=self.BIDIR)
        self.fc = nn.Linear(2 * Tagger.HIDDEN, 4)

    def forward(self, x):
        h0 = torch.zeros(2 * self.LAYERS, x.size(1), self.HIDDEN)
        out, _ = self.rnn(x, h0)
        return self.fc(out)

model = Tagger(6)
y = model(torch.randn(7, 3, 6))
""",
    "class_constants_bad": """import torch
import torch.nn as nn

class Tagger(nn.Module):
    HIDDEN = 32
    LAYERS = 2

    def __init__(self, n_in):
        super().__init__()
        self.rnn = nn.GRU(n_in, self.HIDDEN, num_layers=self.LAYERS, bidirectional=True)

    def forward(self, x):
        h0 = torch.zeros(self.LAYERS, x.size(1), self.HIDDEN)
        out, _ = self.rnn(x, h0)
        return out

model = Tagger(6)
y = model(torch.randn(7, 3, 6))
""",
    "starred": """import torch
x = torch.randn(5, 3, 4)
h = torch.zeros(1, *x.shape[1:2], 8)
shape = [*x.shape[:2], 16]
y = torch.zeros(*shape)
first, *rest = x.shape
a = torch.randn(*rest)
""",
    "starred_bad": """import torch
x = torch.randn(5, 3, 4)
h = torch.zeros(1, *x.shape[1:], 8)
y = h.view(2, *x.shape)
""",
    "modulelist": """import torch
import torch.nn as nn

class Stack(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        self.layers = nn.ModuleList([nn.GRU(a, b) for a, b in zip(sizes[:-1], sizes[1:])])
        self.layers.append(nn.GRU(sizes[-1], 2))

    def forward(self, x):
        for layer in self.layers:
            x, _ = layer(x)
        return x

m = Stack([3, 8, 6])
y = m(torch.randn(4, 2, 3))
names = [name for name, p in m.named_parameters()]
n = sum(p.numel() for p in m.parameters())
""",
    "epoch_cache": """import torch
import torch.nn as nn
lstm = nn.LSTM(10, 32, num_layers=2, batch_first=True)
fc = nn.Linear(32, 1)
opt = torch.optim.Adam(list(lstm.parameters()) + list(fc.parameters()))
x = torch.randn(32, 35, 10)
y = torch.randn(32, 1)
for epoch in range(20):
    opt.zero_grad()
    out, (h, c) = lstm(x)
    pred = fc(out[:, -1, :])
    loss = nn.functional.mse_loss(pred, y)
    loss.backward()
    opt.step()
""",
    "cache_dtype_change": """import torch
import torch.nn as nn
gru = nn.GRU(3, 4)
x = torch.randn(5, 2, 3)
for i in range(3):
    out, h = gru(x)
    if i == 1:
        gru = gru.double()
""",
    "cache_batch_change": """import torch
import torch.nn as nn
gru = nn.GRU(3, 4, batch_first=True)
data = torch.randn(10, 5, 3)
h = torch.zeros(1, 4, 4)
for i in range(0, 10, 4):
    xb = data[i:i + 4]
    out, h = gru(xb, h)
""",
}


@pytest.mark.parametrize("key", sorted(CASES))
def test_new_constructs_agree_with_real_torch(key):
    """ok, error type, message, line and every shape as real torch; the same verdict in zh and en."""
    source = CASES[key]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the oracle's own UserWarnings (MSELoss's broadcast)
        assert_same(source)
    verdicts = set()
    for lang in ("en", "zh"):
        d = diagnose_source(source, lang)
        assert d.refused is None and (d.ok or d.explanation), (lang, d.explanation)
        verdicts.add((d.ok, d.error_type, d.error, d.line, d.fix))
    assert len(verdicts) == 1
    if d.ok:
        assert d.warnings == [], d.warnings


def test_a_generator_of_parameters_is_used_up_once_as_in_python():
    d = diagnose_source(CASES["optim_empty"])
    assert d.error == "optimizer got an empty parameter list" and d.line == 6


def test_parameters_are_counted_as_torch_counts_them():
    real = {}
    exec(compile(CASES["optim_loop"], "<snippet>", "exec"), real)  # noqa: S102 - the test's oracle
    d = diagnose_source(CASES["optim_loop"])
    assert d.ok
    # the counts are plain ints, not shapes: checked through a shape that uses them
    source = CASES["optim_loop"] + "probe = torch.zeros(n_params, n_train, count)\n"
    assert diagnose_source(source).shapes["probe"] == (real["n_params"], real["n_train"], real["count"])
    assert run_real(source)["shapes"]["probe"] == (real["n_params"], real["n_train"], real["count"])


LOSS_BROADCAST = """import torch
import torch.nn as nn
lstm = nn.LSTM(3, 8, batch_first=True)
fc = nn.Linear(8, 1)
x = torch.randn(16, 5, 3)
y = torch.randn(16)
out, _ = lstm(x)
pred = fc(out[:, -1, :])
loss = nn.MSELoss()(pred, y)
"""


@pytest.mark.parametrize("form", ["module", "functional"])
def test_a_loss_that_broadcasts_is_warned_in_both_languages(form):
    source = LOSS_BROADCAST
    if form == "functional":
        source = source.replace("nn.MSELoss()(pred, y)", "F.mse_loss(pred, y)").replace(
            "import torch.nn as nn\n", "import torch.nn as nn\nimport torch.nn.functional as F\n"
        )
    with warnings.catch_warnings(record=True) as caught:  # the oracle: torch itself says it broadcasts
        warnings.simplefilter("always")
        assert run_real(source)["ok"]
    assert any("broadcasting" in str(w.message) for w in caught)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert_same(source)
    line = source.splitlines().index(next(ln for ln in source.splitlines() if "loss =" in ln)) + 1
    for lang in ("en", "zh"):
        d = diagnose_source(source, lang)
        assert [(w.code, w.line) for w in d.warnings] == [("loss_broadcast", line)]
        assert phrase("dbg.w.loss_broadcast", lang) in d.warnings[0].message
        assert "(16, 16)" in d.warnings[0].message
    fixed = source.replace("(pred, y)", "(pred.squeeze(-1), y)")
    assert diagnose_source(fixed).ok and diagnose_source(fixed).warnings == []
    assert run_real(fixed)["ok"]


def test_a_training_loop_calls_each_layer_once_per_shape(monkeypatch):
    """20 epochs over one batch: torch's LSTM.forward runs once; the verdict is still torch's."""
    calls = []
    forward = torch.nn.LSTM.forward

    def counting(self, *args, **kwargs):
        calls.append(1)
        return forward(self, *args, **kwargs)

    monkeypatch.setattr(torch.nn.LSTM, "forward", counting)
    d = diagnose_source(CASES["epoch_cache"])
    assert d.ok and d.refused is None and len(calls) == 1
    calls.clear()
    shrinking = CASES["epoch_cache"].replace("lstm(x)", "lstm(x[: 32 - epoch % 3])")
    d = diagnose_source(shrinking.replace("mse_loss(pred, y)", "mse_loss(pred, y[: 32 - epoch % 3])"))
    assert d.ok and len(calls) == 3  # each new batch size is a new call, once


def test_without_the_cache_the_loop_runs_out_of_time(monkeypatch):
    """What the cache is for: the same 20 epochs, each paying torch's shape rules on meta again."""
    monkeypatch.setattr(meta, "MAX_CACHED_CALLS", 0)
    source = CASES["epoch_cache"].replace("range(20)", "range(200)")
    d = diagnose_source(source)
    assert d.refused and not d.ok
    assert d.work <= WORK_BOUND  # refused by the count, before the 200th epoch is paid for


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_branch_on_an_item_is_refused_not_guessed(lang):
    source = "import torch\nx = torch.randn(1)\nif x.item() > 0:\n    y = torch.zeros(2)\n"
    d = diagnose_source(source, lang)
    assert not d.ok and d.line == 3 and errors.VALUE_CONSTRUCT in d.refused
    assert d.shapes == {"x": (1,)}


HOSTILE = [
    "x = [0 for i in range(10**9)]\n",
    "x = [[i for i in range(1000)] for j in range(1000)]\n",
    "x = [i for i in range(1000) for j in range(1000)]\n",
    "d = {'a': [0] * 100000}\ne = {i: d for i in range(1000)}\ns = str(e)\n",
    "import torch\nx = torch.zeros(*[1] * 100000)\n",
    "import torch\nimport torch.nn as nn\ns = nn.Sequential(*[nn.Linear(2, 2)] * 5000)\n",
    "import torch\nimport torch.nn as nn\ns = nn.Sequential(nn.Linear(2, 2))\nfor i in range(100):\n"
    "    s = nn.Sequential(s, s)\ny = s(torch.randn(1, 2))\n",
    "import torch\nimport torch.nn as nn\ns = nn.Sequential(nn.Linear(2, 2))\nfor i in range(1000):\n"
    "    s = nn.Sequential(s)\ns = s.double()\n",
    "import torch\nimport torch.nn as nn\nm = nn.ModuleList([])\nm.append(m)\nfor layer in m:\n    pass\n",
    "import torch\nx = torch.randn(1)\nfor i in range(x.item()):\n    pass\n",
    "import torch\nx = torch.randn(3)\ny = x.tolist()\n",
    "import torch\nx = torch.randn(1)\ny = torch.zeros(int(x.item()))\n",
    "import torch\nx = torch.randn(1)\nl = [0, 1]\ny = l[x.item()]\n",
    "import torch\nx = torch.arange(10 ** 9)\ny = torch.full((10 ** 8,), 1)\n",
    "import torch\nl = []\nfor i in range(1000):\n    l.append(torch.arange(100000).tolist())\n",
    "while True:\n    x = 1\n",
    "i = 0\nwhile True:\n    i += 1\n    if i > 10 ** 6:\n        break\n",
    "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import os\n",
    "import typing\nx = typing.__dict__\n",
    "from typing import __loader__\n",
    "x = {**{}.__class__}\n",
    "import torch.nn.functional as F\nimport torch\nx = F.relu(F)\n",
    "import torch\nx = torch.randn(3)\nx.data = 1\n",
    "import torch.nn as nn\nclass A(nn.Module):\n    X = [0] * 100000\n    Y = [X] * 1000\n    Z = str(Y)\n",
    "import torch\nopt = torch.optim.SGD([torch.randn(2)], lr=0.1)\nopt.step(lambda: 1)\n",
    "import torch\nopt = torch.optim.SGD([torch.randn(2)], lr=0.1)\n"
    "g = opt.param_groups[0]\nh = g.__class__\n",
    "import torch\nx = [torch.randn(3) for _ in range(1000)]\nz = [t.sum().item() for t in x]\nw = sum(z)\n",
    "import torch\ng = (open('/tmp/pwned', 'w') for _ in range(1))\nlist(g)\n",
    "import torch\nimport torch.nn as nn\nm = nn.Linear(2, 2)\nf = m.parameters()\nx = f.__next__\n",
    "import torch\nx = torch.randn(3, 3)\nfor i in range(10 ** 4):\n    x[i % 3] = x[0]\n",
]


@pytest.mark.parametrize("source", HOSTILE)
def test_hostile_uses_of_the_new_constructs_are_bounded(source, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    before = set(os.listdir("/tmp"))
    d = diagnose_source(source)
    assert d.work <= WORK_BOUND  # counted, not timed: the same on a busy machine
    assert d.refused or d.error_type or d.ok
    assert len(d.steps) <= 2000
    assert "pwned" not in "".join(set(os.listdir("/tmp")) - before)
    assert os.listdir(tmp_path) == []


def test_every_new_message_has_both_languages():
    for key in ("dbg.w.loss_broadcast", "dbg.refused"):
        en, zh = MESSAGES[key]
        assert en and zh and en != zh


NLL_FLAT = CASES["loss_nll_batch"].replace("y = torch.randint(0, 5, (4,))", "y = torch.randint(0, 5, (4, 7))")
CLASS_LOSS = [
    (CASES["loss_ce_seq_bad"], "ce_sequence", True),
    (CASES["loss_ce_2d_target"], "ce_target_column", True),
    (CASES["loss_nll_batch"], "ce_batch", False),  # 28 rows against 4 labels: no flattening fits
    (NLL_FLAT, "ce_batch", True),  # 28 rows against (4, 7) labels: flattened, they pair up
    (
        CASES["loss_ce_seq_bad"]
        .replace("criterion = nn.CrossEntropyLoss()\n", "")
        .replace("criterion(logits, y)", "F.cross_entropy(logits, y)")
        .replace("import torch.nn as nn\n", "import torch.nn as nn\nimport torch.nn.functional as F\n"),
        "ce_sequence",
        True,
    ),
]


@pytest.mark.parametrize(("source", "key", "fixable"), CLASS_LOSS)
def test_class_losses_are_explained_in_both_languages_with_a_fix_that_runs(source, key, fixable):
    explained(source, key)
    if fixable:
        fixed = fix_runs(source)
        assert diagnose_source(fixed).warnings == []
    else:
        assert diagnose_source(source).fix is None


def test_an_item_in_arithmetic_keeps_the_tensors_shape_and_dtype():
    source = (
        "import torch\nx = torch.randn(3, 4)\nlr = x.sum().item()\ny = x * lr\nz = 2 ** lr\n"
        "w = torch.tensor([1, 2]) * torch.tensor([3]).sum().item()\n"
        "b = torch.ones(2) * (x.sum() > 0).item()\n"
    )
    assert_same(source)
    for needs in ("s = 'a' * lr\n", "y = x.view(int(lr), -1)\n", "y = torch.zeros(round(lr))\n"):
        d = diagnose_source(source + needs)
        assert d.refused and errors.VALUE_CONSTRUCT in d.refused and d.line == source.count("\n") + 1
