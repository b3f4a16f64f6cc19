"""Explanations and fixes for the audit's third round, each against real torch executed here.

A cell's state (a pair given to a GRUCell, the batch, the width, a layer axis, a batched state for
one sample), a recurrent layer given images or a bare series, nn.Embedding's ids (out of range,
floats), a PackedSequence handed to nn.Linear, .view of a transposed tensor, a missing
super().__init__(), and batch-first data indexed x[t] in a cell loop. Every snippet is run by
diagnose_source and executed for real (same verdict, message, line, shapes); the explanation is
checked in both languages, and the fix, put in place, runs under real torch.
"""

import pytest
from test_debugger import H, assert_same, run_real
from test_debugger_audit import explained, fix_runs

from explainer.debugger import diagnose_source


@pytest.fixture(autouse=True, scope="module")
def _warm():
    from explainer.debugger import warm_up_once

    warm_up_once()


def both(source: str) -> dict[str, str]:
    return {lang: diagnose_source(source, lang).explanation for lang in ("en", "zh")}


# --- 1. a cell's state ------------------------------------------------------------------------------

CELL_TUPLE = {
    "a10": H + "cell = nn.GRUCell(4, 8)\nx = torch.randn(5, 4)\nh = torch.zeros(5, 8)\n"
    "c = torch.zeros(5, 8)\nh = cell(x, (h, c))\n",
    "rnncell_pair_by_name": H + "cell = nn.RNNCell(4, 8)\nx = torch.randn(5, 4)\n"
    "hx = (torch.zeros(5, 8), torch.zeros(5, 8))\nh = cell(x, hx)\n",
}


@pytest.mark.parametrize("key", sorted(CELL_TUPLE))
def test_a_pair_given_to_a_gru_or_rnn_cell(key):
    source = CELL_TUPLE[key]
    explained(source, "cell_tuple")
    for lang, text in both(source).items():
        assert "(N, 8)" in text and "h" in text, (lang, text)
    fixed = fix_runs(source)
    assert "cell(x, h)" in fixed or "cell(x, hx[0])" in fixed


CELL_BATCH = {
    "b03": """import torch
import torch.nn as nn

cell = nn.GRUCell(10, 20)
x = torch.randn(6, 3, 10)
h = torch.zeros(4, 20)
for t in range(6):
    h = cell(x[t], h)
""",
    "d06": """import torch
import torch.nn as nn
cell = nn.LSTMCell(512, 1024)
x = torch.randn(64, 512)
h = torch.zeros(32, 1024)
c = torch.zeros(32, 1024)
h, c = cell(x, (h, c))
""",
    "in_a_class": H + "class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n"
    "        self.cell = nn.LSTMCell(3, 5)\n\n    def forward(self, x):\n        h = torch.zeros(8, 5)\n"
    "        c = torch.zeros(8, 5)\n        for t in range(x.size(0)):\n"
    "            h, c = self.cell(x[t], (h, c))\n        return h\n\nnet = Net()\n"
    "out = net(torch.randn(6, 2, 3))\n",
    "built_in_the_call": H
    + "cell = nn.RNNCell(3, 4)\nx = torch.randn(2, 3)\nh = cell(x, torch.zeros(5, 4))\n",
}


@pytest.mark.parametrize("key", sorted(CELL_BATCH))
def test_a_cell_state_built_for_another_batch(key):
    source = CELL_BATCH[key]
    explained(source, "cell_batch")
    d = diagnose_source(source)
    n = d.error.split()[3]  # "Input batch size 3 doesn't match ..."
    for lang, text in both(source).items():
        assert f"({n}, " in text, (lang, text)  # the state it needs, in the user's numbers
    fixed = fix_runs(source)
    assert fixed.count("\n") == source.count("\n")  # rebuilt where it is built, nothing added


def test_the_batch_comes_from_the_input_where_the_state_is_built():
    assert "h = torch.zeros(x.size(1), 20)" in fix_runs(CELL_BATCH["b03"])
    fixed = fix_runs(CELL_BATCH["d06"])
    assert "h = torch.zeros(x.size(0), 1024)" in fixed and "c = torch.zeros(x.size(0), 1024)" in fixed


def test_a_state_the_cell_returned_is_not_replaced_by_zeros():
    source = H + "cell = nn.GRUCell(3, 4)\nh = torch.zeros(2, 4)\nh = cell(torch.randn(2, 3), h)\n"
    source += "h = cell(torch.randn(5, 3), h)\n"
    explained(source, "cell_carried")
    d = diagnose_source(source)
    assert d.fix is None and d.fixed_source is None and "line 5" in d.explanation


CELL_WIDTH = {
    "b04": """import torch
import torch.nn as nn

cell = nn.LSTMCell(10, 20)
x = torch.randn(3, 10)
h = torch.zeros(3, 20)
c = torch.zeros(3, 10)
h, c = cell(x, (h, c))
""",
    "grucell_h": H
    + "cell = nn.GRUCell(4, 6)\nx = torch.randn(2, 4)\nh = torch.zeros(2, 4)\nh = cell(x, h)\n",
}


@pytest.mark.parametrize("key", sorted(CELL_WIDTH))
def test_a_cell_state_of_the_wrong_width(key):
    source = CELL_WIDTH[key]
    explained(source, "cell_width")
    fixed = fix_runs(source)
    assert "c = torch.zeros(3, 20)" in fixed if key == "b04" else "h = torch.zeros(2, 6)" in fixed


CELL_3D = {
    "b09": """import torch
import torch.nn as nn

cell = nn.RNNCell(4, 8)
x = torch.randn(5, 2, 4)
h = torch.zeros(1, 2, 8)
for t in range(x.size(0)):
    h = cell(x[t], h)
""",
    "lstmcell_both_in_the_call": H + "cell = nn.LSTMCell(3, 4)\nx = torch.randn(2, 3)\n"
    "h, c = cell(x, (torch.zeros(1, 2, 4), torch.zeros(1, 2, 4)))\n",
}


@pytest.mark.parametrize("key", sorted(CELL_3D))
def test_a_layers_h0_given_to_a_cell(key):
    source = CELL_3D[key]
    explained(source, "cell_state_3d")
    for lang, text in both(source).items():
        assert "(D·num_layers, N, H_out)" in text, (lang, text)
    fixed = fix_runs(source)
    assert "torch.zeros(1, " not in fixed


def test_one_sample_with_a_batched_cell_state():
    source = H + "cell = nn.GRUCell(3, 5)\nx = torch.randn(3)\nh = torch.zeros(1, 5)\nh = cell(x, h)\n"
    explained(source, "cell_unbatched")
    for lang, text in both(source).items():
        assert "(1, 1, 5)" in text and "(5,)" in text, (lang, text)
    assert "h = cell(x.unsqueeze(0), h)" in fix_runs(source)


def test_a_cell_input_of_the_wrong_width():
    source = H + "cell = nn.GRUCell(4, 8)\nx = torch.randn(2, 5)\nh = cell(x)\n"
    explained(source, "cell_input")
    assert "nn.GRUCell(5, 8)" in fix_runs(source)


# --- 2. images (or a bare series) given to a recurrent layer ---------------------------------------

INPUT_DIMS = {
    # (snippet, the input as the fix passes it, its shape)
    "e06": (
        H + "gru = nn.GRU(28, 64, batch_first=True)\nimages = torch.randn(16, 1, 28, 28)\n"
        "out, h = gru(images)\n",
        "gru(images.squeeze(1))",
        "(16, 28, 28)",
    ),
    "rows_time_first": (
        H + "lstm = nn.LSTM(96, 16)\nx = torch.randn(4, 3, 8, 32)\nout, (h, c) = lstm(x)\n",
        "lstm(x.permute(2, 0, 1, 3).flatten(2))",
        "(8, 4, 96)",
    ),
    "pixels": (
        H + "rnn = nn.RNN(1, 8, batch_first=True)\nx = torch.randn(2, 1, 4, 4)\nout, h = rnn(x)\n",
        "rnn(x.flatten(2).transpose(1, 2))",
        "(2, 16, 1)",
    ),
    "series": (
        H + "gru = nn.GRU(1, 4)\nx = torch.randn(10)\nout, h = gru(x)\n",
        "gru(x.unsqueeze(-1))",
        "(10, 1)",
    ),
}


@pytest.mark.parametrize("key", sorted(INPUT_DIMS))
def test_a_recurrent_layer_given_images_or_a_bare_series(key):
    source, call, shape = INPUT_DIMS[key]
    explained(source, "input_dims")
    for lang, text in both(source).items():
        assert shape in text and call.split("(", 1)[1][:-1] in text, (lang, text)
    assert call in fix_runs(source)


def test_no_reshape_is_guessed_when_the_sizes_suggest_none():
    source = H + "lstm = nn.LSTM(7, 4)\nx = torch.randn(2, 3, 4, 5)\nout, _ = lstm(x)\n"
    explained(source, "input_dims_none")
    assert diagnose_source(source).fix is None


# --- 3. nn.Embedding's ids ---------------------------------------------------------------------------

EMB_RANGE = {
    "a21": (
        H + "\nemb = nn.Embedding(10, 4)\ntokens = torch.tensor([[1, 2, 10], [3, 4, 5]])\ne = emb(tokens)\n",
        "emb = nn.Embedding(11, 4)",
    ),
    "vocab_counted_before_padding": (
        H + 'vocab = ["the", "cat", "sat", "down"]\nemb = nn.Embedding(len(vocab), 8)\n'
        "ids = torch.tensor([[1, 2, 3, 4]])\ne = emb(ids)\n",
        "emb = nn.Embedding(len(vocab) + 1, 8)",
    ),
}


@pytest.mark.parametrize("key", sorted(EMB_RANGE))
def test_an_id_past_the_embedding(key):
    source, line = EMB_RANGE[key]
    explained(source, "emb_range")
    for lang, text in both(source).items():
        assert "num_embeddings" in text and ("10" in text or "4" in text), (lang, text)
    assert line in fix_runs(source)


def test_a_negative_id_is_explained_without_a_guess():
    source = H + "emb = nn.Embedding(10, 4)\nids = torch.tensor([[-1, 2]])\ne = emb(ids)\n"
    explained(source, "emb_negative")
    assert diagnose_source(source).fix is None


EMB_FLOAT = {
    # (snippet, key, a line the fix holds, or None for no fix)
    "a22": (
        H + "\nemb = nn.Embedding(10, 4)\ntokens = torch.randn(2, 3)\ne = emb(tokens)\n",
        "emb_random",
        "tokens = torch.randint(0, 10, (2, 3))",
    ),
    "float_ids_written_out": (
        H + "emb = nn.Embedding(10, 4)\nids = torch.tensor([[1.0, 2.0, 3.0]])\ne = emb(ids)\n",
        "emb_float",
        "e = emb(ids.long())",
    ),
    "bool_ids": (
        H + "emb = nn.Embedding(10, 4)\nids = torch.tensor([[1, 0]], dtype=torch.bool)\ne = emb(ids)\n",
        "emb_float",
        "e = emb(ids.long())",
    ),
    "not_ids_at_all": (
        H + "emb = nn.Embedding(10, 4)\nids = torch.tensor([[0.5, 2.0]])\ne = emb(ids)\n",
        "emb_not_ids",
        None,
    ),
}


@pytest.mark.parametrize("key", sorted(EMB_FLOAT))
def test_float_ids(key):
    source, message, line = EMB_FLOAT[key]
    explained(source, message)
    explained(source, "emb_float")
    if line is None:
        assert diagnose_source(source).fix is None
    else:
        assert line in fix_runs(source)


# --- 4. a PackedSequence handed to nn.Linear -----------------------------------------------------------

PACKED = {
    "a23": (
        """import torch
import torch.nn as nn

from torch.nn.utils.rnn import pack_padded_sequence
x = torch.randn(3, 5, 4)
packed = pack_padded_sequence(x, [5, 3, 2], batch_first=True)
lstm = nn.LSTM(4, 6, batch_first=True)
fc = nn.Linear(6, 2)
out, (h, c) = lstm(packed)
y = fc(out)
""",
        "y = fc(nn.utils.rnn.pad_packed_sequence(out, batch_first=True)[0])",
        "(3, 5, 6)",
    ),
    "imported_time_first": (
        H + "from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence\n"
        "gru = nn.GRU(4, 6)\nfc = nn.Linear(6, 2)\nx = torch.randn(5, 3, 4)\n"
        "packed = pack_padded_sequence(x, torch.tensor([5, 3, 2]))\nout, h = gru(packed)\ny = fc(out)\n",
        "y = fc(pad_packed_sequence(out)[0])",
        "(5, 3, 6)",
    ),
}


@pytest.mark.parametrize("key", sorted(PACKED))
def test_a_packed_sequence_handed_to_linear(key):
    source, line, padded = PACKED[key]
    explained(source, "packed_layer")
    for lang, text in both(source).items():
        assert padded in text and "(10, 6)" in text and "h_n[-1]" in text, (lang, text)
    assert line in fix_runs(source)


# --- 5. super().__init__() ---------------------------------------------------------------------------

SUPER = {
    "a27": """import torch
import torch.nn as nn

class Net(nn.Module):
    def __init__(self):
        self.rnn = nn.RNN(4, 8)

    def forward(self, x):
        return self.rnn(x)

net = Net()
""",
    "docstring_and_a_late_call": H + "class Net(nn.Module):\n"
    '    def __init__(self, hidden):\n        """A GRU."""\n        self.hidden = hidden\n'
    "        self.gru = nn.GRU(4, hidden)\n        super().__init__()\n\n"
    "    def forward(self, x):\n        return self.gru(x)\n\n"
    "net = Net(8)\nout, h = net(torch.randn(5, 2, 4))\n",
}


@pytest.mark.parametrize("key", sorted(SUPER))
def test_a_module_assigned_before_super_init(key):
    source = SUPER[key]
    explained(source, "super_init")
    for lang, text in both(source).items():
        assert "Net.__init__" in text and ("self.rnn" in text or "self.gru" in text), (lang, text)
    fixed = fix_runs(source)
    assert fixed.count("super().__init__()") == 1
    lines = fixed.splitlines()
    init = next(i for i, ln in enumerate(lines) if "def __init__" in ln)
    first = next(ln for ln in lines[init + 1 :] if ln.strip() and '"""' not in ln)
    assert first.strip() == "super().__init__()"


# --- 6. .view of a transposed tensor ------------------------------------------------------------------

VIEW = {
    "25": (
        """import torch
import torch.nn as nn

lstm = nn.LSTM(10, 20)
x = torch.randn(7, 3, 10)
out, _ = lstm(x)
out = out.transpose(0, 1)
flat = out.view(3, -1)
""",
        "flat = out.reshape(3, -1)",
    ),
    "permute_in_the_chain": (
        H + "x = torch.randn(4, 5, 6)\ny = x.permute(0, 2, 1).view(4, -1)\n",
        "y = x.permute(0, 2, 1).reshape(4, -1)",
    ),
}


@pytest.mark.parametrize("key", sorted(VIEW))
def test_view_of_a_transposed_tensor(key):
    source, line = VIEW[key]
    explained(source, "view_contiguous")
    for lang, text in both(source).items():
        assert ".contiguous().view(" in text and ".reshape(" in text, (lang, text)
    assert line in fix_runs(source)


# --- 7. batch-first data indexed x[t] in a cell loop -----------------------------------------------------

TIME_INDEX = {
    "a11": (
        """import torch
import torch.nn as nn

cell = nn.RNNCell(3, 6)
x = torch.randn(4, 9, 3)   # (batch, seq, feat)
h = torch.zeros(9, 6)
for t in range(x.size(1)):
    h = cell(x[t], h)
""",
        ["h = torch.zeros(x.size(0), 6)", "h = cell(x[:, t], h)"],
    ),
    "lstmcell": (
        H + "cell = nn.LSTMCell(3, 5)\nx = torch.randn(2, 7, 3)\nh = torch.zeros(7, 5)\n"
        "c = torch.zeros(7, 5)\nfor t in range(7):\n    h, c = cell(x[t], (h, c))\n",
        ["h = torch.zeros(x.size(0), 5)", "c = torch.zeros(x.size(0), 5)", "cell(x[:, t], (h, c))"],
    ),
    "no_state": (
        H + "cell = nn.GRUCell(3, 6)\nx = torch.randn(4, 9, 3)\nfor t in range(9):\n    h = cell(x[t])\n",
        ["h = cell(x[:, t])"],
    ),
}


@pytest.mark.parametrize("key", sorted(TIME_INDEX))
def test_batch_first_data_indexed_as_time_first_in_a_cell_loop(key):
    source, lines = TIME_INDEX[key]
    explained(source, "cell_time_index")
    for lang, text in both(source).items():
        assert "x[:, t]" in text and "(N, L, H_in)" in text, (lang, text)
    fixed = fix_runs(source)
    for line in lines:
        assert line in fixed, fixed


def test_an_index_error_elsewhere_keeps_the_plain_verdict():
    source = H + "x = torch.randn(4, 9, 3)\nfor t in range(9):\n    y = x[t]\n"
    assert_same(source)
    assert diagnose_source(source).fix is None
    assert run_real(source)["error_type"] == "IndexError"


# --- 8. a second backward() through a graph the first one freed -------------------------------------------

LOOP = (
    H
    + """lstm = nn.LSTM(4, 8)
fc = nn.Linear(8, 1)
opt = torch.optim.SGD(list(lstm.parameters()) + list(fc.parameters()), lr=0.1)
hidden = (torch.zeros(1, 2, 8), torch.zeros(1, 2, 8))
for step in range(3):
    x = torch.randn(5, 2, 4)
{before}    out, hidden = lstm(x, hidden)
{after}    loss = fc(out[-1]).pow(2).mean()
    opt.zero_grad()
    loss.backward({retain})
{step}"""
)


def loop(before: str = "", after: str = "", retain: str = "", step: str = "    opt.step()\n") -> str:
    return LOOP.format(before=before, after=after, retain=retain, step=step)


CHAR_RNN = (
    H
    + """class CharRNN(nn.Module):
    def __init__(self, vocab, hidden_size):
        super().__init__()
        self.hidden_size = hidden_size
        self.embed = nn.Embedding(vocab, 16)
        self.gru = nn.GRU(16, hidden_size, batch_first=True)
        self.fc = nn.Linear(hidden_size, vocab)

    def init_hidden(self, batch):
        return torch.zeros(1, batch, self.hidden_size)

    def forward(self, x, hidden=None):
        out, hidden = self.gru(self.embed(x), hidden)
        return self.fc(out), hidden

model = CharRNN(20, 32)
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
hidden = model.init_hidden(4)
for epoch in range(2):
    x = torch.randint(0, 20, (4, 10))
    y = torch.randint(0, 20, (4, 10))
{before}    logits, hidden = model(x, hidden)
    loss = criterion(logits.reshape(-1, 20), y.reshape(-1))
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
"""
)

TBPTT = (
    H
    + """lstm = nn.LSTM(4, 8)
hidden = (torch.zeros(1, 2, 8), torch.zeros(1, 2, 8))
total = 0
for step in range(4):
    out, hidden = lstm(torch.randn(5, 2, 4), hidden)
    total = total + out.mean()
    if step % 2 == 1:
        total.backward()
        total = 0
{detach}"""
)

BACKWARD_TWICE = {
    # (snippet, a line the fix holds, or None where no fix is offered)
    "lstm_loop": (
        loop(),
        "    hidden = tuple(s.detach() for s in hidden)\n    out, hidden = lstm(x, hidden)",
    ),
    "only_h_detached": (
        loop(before="    hidden = (hidden[0].detach(), hidden[1])\n"),
        "hidden = tuple(s.detach() for s in hidden)",
    ),
    "char_rnn_class": (
        CHAR_RNN.format(before=""),
        "        if hidden is not None:\n            hidden = hidden.detach()\n"
        "        out, hidden = self.gru(",
    ),
    "pair_by_names": (
        H + "lstm = nn.LSTM(4, 8)\nh, c = torch.zeros(1, 2, 8), torch.zeros(1, 2, 8)\nfor step in range(2):\n"
        "    out, (h, c) = lstm(torch.randn(5, 2, 4), (h, c))\n    out.mean().backward()\n",
        "    h, c = h.detach(), c.detach()\n    out, (h, c) = lstm(",
    ),
    "every_second_step_without_detach": (
        TBPTT.format(detach=""),
        "    hidden = tuple(s.detach() for s in hidden)\n    out, hidden = lstm(",
    ),
    "same_loss_twice": (
        H + "fc = nn.Linear(3, 1)\nx = torch.randn(4, 3)\nloss = fc(x).pow(2).mean()\nloss.backward()\n"
        "loss.backward()\n",
        None,
    ),
}


@pytest.mark.parametrize("key", sorted(BACKWARD_TWICE))
def test_a_second_backward_through_a_freed_graph(key):
    source, line = BACKWARD_TWICE[key]
    explained(source, "backward_twice")
    d = diagnose_source(source)
    assert d.error.startswith("Trying to backward through the graph a second time")
    if line is None:
        assert d.fix is None
        return
    explained(source, "backward_twice_state")
    for lang, text in both(source).items():
        assert "retain_graph=True" in text and ".detach()" in text, (lang, text)
    assert line in fix_runs(source)


BACKWARD_OK = {
    "detached_tuple": loop(before="    hidden = tuple(h.detach() for h in hidden)\n"),
    "detached_pair_after": loop(after="    hidden = (hidden[0].detach(), hidden[1].detach())\n"),
    "fresh_state_per_batch": loop(before="    hidden = (torch.zeros(1, 2, 8), torch.zeros(1, 2, 8))\n"),
    "retain_graph_without_steps": loop(retain="retain_graph=True", step=""),
    "char_rnn_detached": CHAR_RNN.format(before="    hidden = hidden.detach()\n"),
    "state_under_no_grad": H
    + """encoder = nn.GRU(4, 8)
decoder = nn.GRU(4, 8)
hidden = torch.zeros(1, 2, 8)
for step in range(3):
    x = torch.randn(5, 2, 4)
    with torch.no_grad():
        _, hidden = encoder(x, hidden)
    out, _ = decoder(x, hidden)
    loss = out.pow(2).mean()
    loss.backward()
""",
    "two_losses_first_retained": H
    + """enc = nn.LSTM(4, 8)
head1 = nn.Linear(8, 1)
head2 = nn.Linear(8, 1)
out, _ = enc(torch.randn(5, 2, 4))
loss1 = head1(out).mean()
loss2 = head2(out).mean()
loss1.backward(retain_graph=True)
loss2.backward()
""",
    "every_second_step_detached": TBPTT.format(detach="        hidden = tuple(h.detach() for h in hidden)\n"),
    "repackaged_by_a_helper": H
    + """def repackage(h):
    return tuple(v.detach() for v in h)

lstm = nn.LSTM(4, 8)
hidden = (torch.zeros(1, 2, 8), torch.zeros(1, 2, 8))
for step in range(3):
    hidden = repackage(hidden)
    out, hidden = lstm(torch.randn(5, 2, 4), hidden)
    out.sum().backward()
""",
}


@pytest.mark.parametrize("key", sorted(BACKWARD_OK))
def test_no_second_backward_error_on_right_code(key):
    source = BACKWARD_OK[key]
    assert_same(source)
    assert diagnose_source(source).ok
