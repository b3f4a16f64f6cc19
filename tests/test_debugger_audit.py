"""The audit's repros of the shape debugger, each against real torch executed here (never in the app).

State dtypes, batch_first and the states, batch-first data for a time-first module, torch's CPU
wording at realistic sizes, the last sample of a time-first output, positional bias, a
bidirectional h_n[-1], and real states that a fix must not replace with zeros.
"""

import re
import resource

import pytest
from test_debugger import H, assert_same, run_real

from explainer.debugger import diagnose_source
from explainer.i18n import MESSAGES


@pytest.fixture(autouse=True, scope="module")
def _warm():
    from explainer.debugger import warm_up_once

    warm_up_once()


def phrase(key: str, lang: str) -> str:
    """The longest fixed part of a message template: what any rendering of it contains."""
    template = MESSAGES[key][0 if lang == "en" else 1]
    return max(re.split(r"\{[^}]*\}", template), key=len).strip()


def explained(source: str, key: str) -> None:
    """torch's verdict, explained with ``key`` in both languages (the same verdict in each)."""
    assert_same(source)
    verdicts = set()
    for lang in ("en", "zh"):
        d = diagnose_source(source, lang)
        assert phrase(f"dbg.{key}", lang) in d.explanation, (lang, d.explanation)
        verdicts.add((d.ok, d.error_type, d.error, d.line, d.fix))
    assert len(verdicts) == 1


def fix_runs(source: str) -> str:
    d = diagnose_source(source)
    assert d.fix and d.fixed_source, d.explanation
    assert run_real(d.fixed_source)["ok"], d.fixed_source
    assert diagnose_source(d.fixed_source).ok, d.fixed_source
    return d.fixed_source


STATE_DTYPE = {
    "a03": """import torch
import torch.nn as nn

lstm = nn.LSTM(3, 4)
x = torch.randn(5, 2, 3)
h0 = torch.zeros(1, 2, 4)
c0 = torch.zeros(1, 2, 4).double()
out, (h, c) = lstm(x, (h0, c0))
""",
    "a04": """import torch
import torch.nn as nn

rnn = nn.RNN(3, 4, batch_first=True)
x = torch.randn(2, 5, 3)
h0 = torch.zeros(1, 2, 4, dtype=torch.float64)
out, h = rnn(x, h0)
""",
    "a05": """import torch
import torch.nn as nn

rnn = nn.GRU(3, 4).double()
x = torch.randn(5, 2, 3).double()
h0 = torch.zeros(1, 2, 4)
out, h = rnn(x, h0)
""",
    "43": """import torch
import torch.nn as nn

gru = nn.GRU(3, 4)
x = torch.randn(5, 2, 3)
h0 = torch.zeros(1, 2, 4, dtype=torch.double)
out, h = gru(x, h0)
""",
}

H0_BATCH_FIRST = {
    "01": """import torch
import torch.nn as nn

# batch_first model, h0 built batch-first too
rnn = nn.LSTM(input_size=10, hidden_size=20, num_layers=2, batch_first=True)
x = torch.randn(32, 5, 10)  # (batch, seq, feature)
h0 = torch.zeros(32, 2, 20)
c0 = torch.zeros(32, 2, 20)
out, (hn, cn) = rnn(x, (h0, c0))
print(out.shape)
""",
    "a01": """import torch
import torch.nn as nn

model = nn.GRU(input_size=10, hidden_size=20, batch_first=True)
x = torch.randn(32, 5, 10)
h0 = torch.zeros(x.size(0), 1, 20)
out, h = model(x, h0)
""",
    "d05": """import torch
import torch.nn as nn
lstm = nn.LSTM(300, 1024, num_layers=2, batch_first=True)
x = torch.randn(64, 40, 300)
h0 = torch.zeros(64, 2, 1024)
c0 = torch.zeros(64, 2, 1024)
out, _ = lstm(x, (h0, c0))
""",
}

DATA_BATCH_FIRST = {
    "28": """import torch
import torch.nn as nn

# batch from a DataLoader is (batch, seq, features), model built without batch_first
batch_size, seq_len, n_features = 64, 24, 7
xb = torch.randn(batch_size, seq_len, n_features)
yb = torch.randn(batch_size, 1)

class Forecaster(nn.Module):
    def __init__(self, n_features, hidden=50, layers=2):
        super().__init__()
        self.hidden = hidden
        self.layers = layers
        self.lstm = nn.LSTM(n_features, hidden, layers)
        self.linear = nn.Linear(hidden, 1)

    def forward(self, x):
        h0 = torch.zeros(self.layers, x.size(0), self.hidden)
        c0 = torch.zeros(self.layers, x.size(0), self.hidden)
        out, _ = self.lstm(x, (h0, c0))
        return self.linear(out[-1])

model = Forecaster(n_features)
pred = model(xb)
""",
}

BIG = {
    "b01": """import torch
import torch.nn as nn

vocab_size = 10000
emb = nn.Embedding(vocab_size, 128)
lstm = nn.LSTM(128, 256, batch_first=True, bidirectional=True)
fc = nn.Linear(256, vocab_size)
tokens = torch.randint(0, vocab_size, (4, 35))
out, _ = lstm(emb(tokens))
logits = fc(out)
""",
    "d01": """import torch
import torch.nn as nn
emb = nn.Embedding(50000, 300)
tokens = torch.randn(64, 40)
e = emb(tokens)
""",
    "d02": """import torch
import torch.nn as nn
lstm = nn.LSTM(300, 512, batch_first=True, bidirectional=True)
x = torch.randn(64, 40, 300)
out, (h, c) = lstm(x)
feat = torch.cat((out, h), dim=1)
""",
}

LAST_SAMPLE = {
    "a02": """import torch
import torch.nn as nn

lstm = nn.LSTM(10, 20)
fc = nn.Linear(20, 3)
x = torch.randn(7, 4, 10)
out, _ = lstm(x)
y = fc(out[:, -1, :])
print(y.shape)
""",
    "b05": """import torch
import torch.nn as nn

class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(3, 16)
        self.fc = nn.Linear(16, 1)

    def forward(self, x):
        out, _ = self.lstm(x)
        return self.fc(out[:, -1, :])

model = Model()
x = torch.randn(30, 8, 3)
y = model(x)
target = torch.randn(8, 1)
diff = y - target
""",
}

BIAS_FALSE = {
    "e08": """import torch
import torch.nn as nn
gru = nn.GRU(4, 8, 1, False)
x = torch.randn(5, 2, 4)
out, h = gru(x)
""",
}

HN_BIDIR = {
    "a19": """import torch
import torch.nn as nn

gru = nn.GRU(8, 16, bidirectional=True, batch_first=True)
fc = nn.Linear(32, 2)
x = torch.randn(4, 10, 8)
out, h_n = gru(x)
y = fc(h_n[-1])
""",
}

CARRIED = {
    "a35": """import torch
import torch.nn as nn

encoder = nn.GRU(8, 16, bidirectional=True)
decoder = nn.GRU(8, 16)
src = torch.randn(10, 4, 8)
tgt = torch.randn(7, 4, 8)
enc_out, enc_h = encoder(src)
dec_out, dec_h = decoder(tgt, enc_h)
""",
    "42": """import torch
import torch.nn as nn

class CharRNN(nn.Module):
    def __init__(self, n_chars, hidden_size=64, n_layers=2):
        super().__init__()
        self.n_layers = n_layers
        self.hidden_size = hidden_size
        self.lstm = nn.LSTM(n_chars, hidden_size, n_layers, batch_first=True)
        self.fc = nn.Linear(hidden_size, n_chars)

    def init_hidden(self, batch_size):
        return (torch.zeros(self.n_layers, batch_size, self.hidden_size),
                torch.zeros(self.n_layers, batch_size, self.hidden_size))

    def forward(self, x, hidden):
        out, hidden = self.lstm(x, hidden)
        out = out.reshape(-1, self.hidden_size)
        return self.fc(out), hidden

net = CharRNN(30)
hidden = net.init_hidden(8)
x = torch.randn(8, 20, 30)
logits, hidden = net(x, hidden)
x2 = torch.randn(5, 20, 30)
logits2, hidden = net(x2, hidden)
""",
    "a16": """import torch
import torch.nn as nn

class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.GRU(5, 7, batch_first=True)
        self.hidden = None

    def forward(self, x, hidden=None):
        if hidden is None:
            hidden = torch.zeros(1, x.size(0), 7)
        out, hidden = self.rnn(x, hidden)
        return out, hidden

m = M()
o, h = m(torch.randn(3, 4, 5))
o2, h2 = m(torch.randn(2, 4, 5), h)
""",
}
# --- 1. state dtype ------------------------------------------------------------------------------

STATE_DTYPE.update(
    {
        "lstm_h0_double_bf_bidir": H
        + "lstm = nn.LSTM(3, 4, 2, batch_first=True, bidirectional=True)\nx = torch.randn(2, 5, 3)\n"
        "h0 = torch.zeros(4, 2, 4).double()\nc0 = torch.zeros(4, 2, 4)\nout, _ = lstm(x, (h0, c0))\n",
        "lstm_proj_c0_double": H + "lstm = nn.LSTM(3, 4, proj_size=2)\nx = torch.randn(5, 2, 3)\n"
        "state = (torch.zeros(1, 2, 2), torch.zeros(1, 2, 4, dtype=torch.float64))\n"
        "out, _ = lstm(x, state)\n",
        "gru_unbatched_h0_double": H + "gru = nn.GRU(3, 4)\nx = torch.randn(5, 3)\n"
        "out, h = gru(x, torch.zeros(1, 4, dtype=torch.double))\n",
        "grucell_h_double": H
        + "cell = nn.GRUCell(3, 4)\nx = torch.randn(2, 3)\nh = torch.zeros(2, 4).double()\n"
        "h = cell(x, h)\n",
        "lstmcell_h_double": H
        + "cell = nn.LSTMCell(3, 4)\nx = torch.randn(2, 3)\nh = torch.zeros(2, 4).double()\n"
        "c = torch.zeros(2, 4)\nh, c = cell(x, (h, c))\n",
        "gru_packed_h0_double": H
        + "from torch.nn.utils.rnn import pack_padded_sequence\ngru = nn.GRU(3, 4)\n"
        "x = torch.randn(5, 2, 3)\np = pack_padded_sequence(x, torch.tensor([5, 3]))\n"
        "h0 = torch.zeros(1, 2, 4).double()\nout, h = gru(p, h0)\n",
        "rnn_long_h0_half_in_a_class": H
        + "class M(nn.Module):\n    def __init__(self):\n        super().__init__()\n"
        "        self.rnn = nn.RNN(3, 4, 3, nonlinearity='relu')\n\n    def forward(self, x):\n"
        "        h0 = torch.zeros(3, x.size(1), 4, dtype=torch.float16)\n        return self.rnn(x, h0)\n\n"
        "m = M()\nout, h = m(torch.randn(600, 2, 3))\n",
    }
)
# torch itself runs these: an LSTM's c_0 in float32 next to float64 weights, the same dtypes everywhere
STATE_DTYPE_RUNS = [
    H
    + "lstm = nn.LSTM(3, 4).double()\nx = torch.randn(5, 2, 3).double()\nh0 = torch.zeros(1, 2, 4).double()\n"
    "c0 = torch.zeros(1, 2, 4)\nout, (h, c) = lstm(x, (h0, c0))\n",
    H + "gru = nn.GRU(3, 4, dtype=torch.float64)\nx = torch.randn(5, 2, 3, dtype=torch.float64)\n"
    "out, h = gru(x, torch.zeros(1, 2, 4, dtype=torch.float64))\n",
    H + "cell = nn.LSTMCell(3, 4)\n"
    "h, c = cell(torch.randn(2, 3), (torch.zeros(2, 4), torch.zeros(2, 4).double()))\n",
]


@pytest.mark.parametrize("key", sorted(STATE_DTYPE))
def test_a_state_in_another_dtype_is_torchs_verdict_explained_and_fixed(key):
    source = STATE_DTYPE[key]
    explained(source, "state_dtype")
    fixed = fix_runs(source)
    assert fixed.count("\n") - source.count("\n") <= 2  # a conversion, not a rewrite


@pytest.mark.parametrize("source", STATE_DTYPE_RUNS)
def test_a_state_dtype_torch_accepts_is_accepted(source):
    assert_same(source)
    assert diagnose_source(source).ok


# --- 2. batch_first does not reach h_0 -------------------------------------------------------------


@pytest.mark.parametrize("key", sorted(H0_BATCH_FIRST))
def test_a_batch_first_state_is_explained_and_swapped_where_it_is_built(key):
    source = H0_BATCH_FIRST[key]
    explained(source, "hx_batch_first_swapped")
    for lang in ("en", "zh"):
        text = diagnose_source(source, lang).explanation
        assert "(D·num_layers, N, H_out)" in text and "h0" in text
    fixed = fix_runs(source)
    assert fixed.count("\n") == source.count("\n")  # the factory call edited in place, nothing added
    d = diagnose_source(source)
    assert "batch_first" not in d.fix  # the states change, not the module


def test_a_batch_first_cell_state_is_named_by_its_own_width():
    """c_0 is hidden_size wide (H_cell) even when proj_size makes h_0 narrower (H_out)."""
    source = (
        H + "lstm = nn.LSTM(10, 20, num_layers=2, batch_first=True, proj_size=5)\nx = torch.randn(8, 5, 10)\n"
        "h0 = torch.zeros(2, 8, 5)\nc0 = torch.zeros(8, 2, 20)\nout, (h, c) = lstm(x, (h0, c0))\n"
    )
    explained(source, "hx_batch_first_swapped")
    for lang in ("en", "zh"):
        text = diagnose_source(source, lang).explanation
        assert "(D·num_layers, N, H_cell)" in text and "H_out" not in text and "c0" in text
    assert "c0 = torch.zeros(2, 8, 20)" in fix_runs(source)


def test_a_batch_first_state_built_elsewhere_is_transposed_in_the_call():
    source = (
        H + "gru = nn.GRU(10, 20, num_layers=2, batch_first=True)\nx = torch.randn(8, 5, 10)\n"
        "def init(n):\n    return torch.zeros(n, 2, 20)\nout, h = gru(x, init(8))\n"
    )
    explained(source, "hx_batch_first_swapped")
    assert "transpose(0, 1)" in fix_runs(source)


# --- 3. batch-first data, time-first module -------------------------------------------------------


@pytest.mark.parametrize("key", sorted(DATA_BATCH_FIRST))
def test_batch_first_data_points_at_batch_first_not_at_the_state(key):
    source = DATA_BATCH_FIRST[key]
    explained(source, "data_batch_first")
    d = diagnose_source(source)
    assert "x.transpose(0, 1)" in d.fix and "h0" not in d.fix.split("self.lstm(")[0]
    fixed = fix_runs(source)
    assert "torch.zeros(self.layers, x.size(0), self.hidden)" in fixed  # h0 kept as written
    assert diagnose_source(fixed).warnings == []


# --- 4. torch's CPU wording at realistic sizes, without the memory --------------------------------


@pytest.mark.parametrize("key", sorted(BIG))
def test_torchs_own_words_at_realistic_sizes(key):
    assert_same(BIG[key])


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


HUGE = [
    # weights 1.6 GB, input 131 MB: the CPU re-run must hold one number per tensor
    (
        H + "fc = nn.Linear(4096, 100000)\nx = torch.randn(64, 512, 1000)\ny = fc(x)\n",
        "mat1 and mat2 shapes cannot be multiplied (32768x1000 and 4096x100000)",
    ),
    (
        H + "emb = nn.Embedding(1000000, 512)\ntokens = torch.randn(256, 4096)\ne = emb(tokens)\n",
        "Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; "
        "but got torch.FloatTensor instead (while checking arguments for embedding)",
    ),
    (
        H + "a = torch.randn(256, 4096, 1024)\nb = torch.randn(256, 4096, 7)\nc = torch.cat((a, b), dim=0)\n",
        "Sizes of tensors must match except in dimension 0. "
        "Expected size 1024 but got size 7 for tensor number 1 in the list.",
    ),
]


@pytest.mark.parametrize(("source", "message"), HUGE)
def test_the_cpu_wording_of_a_huge_failure_costs_no_memory(source, message):
    before = _peak_mb()
    d = diagnose_source(source)
    assert _peak_mb() - before < 100  # a real re-run would take gigabytes
    assert (d.ok, d.error_type, d.error) == (False, "RuntimeError", message)


# --- 5. out[:, -1] of a time-first module ----------------------------------------------------------


@pytest.mark.parametrize("key", sorted(LAST_SAMPLE))
def test_the_last_sample_of_a_time_first_output_is_warned(key):
    source = LAST_SAMPLE[key]
    assert_same(source)
    for lang in ("en", "zh"):
        d = diagnose_source(source, lang)
        assert [w.code for w in d.warnings] == ["last_sample_of_time_first"]
        assert d.warnings[0].message.startswith("Line" if lang == "en" else "第")
    line = next(i for i, ln in enumerate(source.splitlines(), 1) if "out[:, -1" in ln)
    assert d.warnings[0].line == line


NOT_LAST_SAMPLE = [
    # batch_first: [:, -1] is the last step
    H + "lstm = nn.LSTM(10, 20, batch_first=True)\nout, _ = lstm(torch.randn(4, 7, 10))\ny = out[:, -1, :]\n",
    # unbatched (L, H_out): [:, -1] is a feature
    H + "gru = nn.GRU(10, 20)\nout, h = gru(torch.randn(7, 10))\ny = out[:, -1]\n",
    # time-first, the last step
    H + "gru = nn.GRU(10, 20)\nout, h = gru(torch.randn(7, 4, 10))\ny = out[-1]\n",
    # transposed to batch-first first
    H + "gru = nn.GRU(10, 20)\nout, h = gru(torch.randn(7, 4, 10))\n"
    "out = out.transpose(0, 1)\ny = out[:, -1]\n",
    # a slice that is no step or sample
    H + "gru = nn.GRU(10, 20)\nout, h = gru(torch.randn(7, 4, 10))\ny = out[2:, -1]\n",
]


@pytest.mark.parametrize("source", NOT_LAST_SAMPLE)
def test_no_last_sample_warning_where_it_is_right(source):
    assert_same(source)
    assert diagnose_source(source).warnings == []


# --- 6. positional bias ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        *BIAS_FALSE.values(),
        H + "lstm = nn.LSTM(4, 8, 2, False)\nout, _ = lstm(torch.randn(5, 2, 4))\n",
        H + "rnn = nn.RNN(4, 8, 1, 'tanh', False)\nout, _ = rnn(torch.randn(5, 2, 4))\n",
        H + "gru = nn.GRU(4, 8, 1, True, True)\nout, _ = gru(torch.randn(2, 5, 4))\n",
    ],
)
def test_a_deliberate_positional_bias_is_no_mistake(source):
    assert_same(source)
    assert diagnose_source(source).warnings == []


def test_a_positional_true_in_bias_place_is_warned_for_rnn_too():
    source = H + "rnn = nn.RNN(4, 8, 1, 'tanh', True)\nx = torch.randn(5, 2, 4)\nout, h = rnn(x)\n"
    assert_same(source)
    for lang in ("en", "zh"):
        d = diagnose_source(source, lang)
        assert [w.code for w in d.warnings] == ["bias_passed_as_batch_first"]
        assert "5" in d.warnings[0].message


# --- 7. fc(h_n[-1]) of a bidirectional layer -------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        *HN_BIDIR.values(),
        H + "lstm = nn.LSTM(8, 16, 2, bidirectional=True)\nfc = nn.Linear(32, 2)\n"
        "out, (h_n, c_n) = lstm(torch.randn(10, 4, 8))\ny = fc(h_n[-1])\n",
        H + "gru = nn.GRU(8, 16, bidirectional=True)\nfc = nn.Linear(32, 2)\n"
        "out, h_n = gru(torch.randn(10, 8))\ny = fc(h_n[-1])\n",
    ],
)
def test_a_bidirectional_h_n_last_is_joined_with_its_other_direction(source):
    explained(source, "linear_hn_bidir")
    fixed = fix_runs(source)
    assert "torch.cat((h_n[-2], h_n[-1]), dim=" in fixed
    assert "nn.Linear(32, 2)" in fixed  # the head keeps both directions


# --- 8. a real state is not replaced by zeros ------------------------------------------------------


@pytest.mark.parametrize("key", sorted(CARRIED))
def test_a_real_state_gets_an_explanation_not_zeros(key):
    source = CARRIED[key]
    assert_same(source)
    note = "hx_carried_layers" if key == "a35" else "hx_carried"
    for lang in ("en", "zh"):
        d = diagnose_source(source, lang)
        assert d.fix is None and d.fixed_source is None
        assert phrase(f"dbg.{note}", lang) in d.explanation, d.explanation


def test_the_directions_summed_as_the_note_says_do_run():
    fixed = CARRIED["a35"].replace("decoder(tgt, enc_h)", "decoder(tgt, enc_h[0::2] + enc_h[1::2])")
    assert run_real(fixed)["ok"]


def test_a_missing_meta_kernel_never_runs_on_stand_ins():
    """Meta lacking a kernel (NotImplementedError) is no shape failure: on stand-ins the CPU would
    succeed and build the full-sized result, so the stand-in is not tried and meta's words stand."""
    import ast

    import torch

    from explainer.debugger.errors import UserError
    from explainer.debugger.interp import Interpreter
    from explainer.debugger.record import CallInfo

    interp = Interpreter("x = 1")
    huge = torch.empty(4096, 4096, 256, device="meta")  # past the bound on real numbers
    node = ast.parse("x = 1").body[0]
    calls = []
    for exc, tried in ((NotImplementedError("no Meta kernel"), False), (RuntimeError("shapes"), True)):
        with pytest.raises(UserError) as err:
            interp.rerun_real(lambda: None, [huge], {}, exc, node, CallInfo("function"), standin=calls.append)
        assert len(calls) == int(tried) and err.value.exc is exc  # the stand-in raised nothing here
