"""The Python around a model (explainer/debugger/pylib.py, nplib.py), each against real Python, numpy
and torch executed here (never in the app): builtins, str/list/dict/set methods, try/except,
plain classes, lambdas, argparse, random, numpy <-> torch. Then what cannot be known: opaque
modules never run anything, a shape that needs one names it, and every new object prints as
Python would or as a plain stand-in, never as the checker's own class or an address.
"""

import ast

import pytest
from test_debugger import assert_same
from test_debugger_audit import phrase

from explainer.debugger import diagnose_source
from explainer.debugger.errors import Refused
from explainer.debugger.interp import Interpreter


@pytest.fixture(autouse=True, scope="module")
def _warm():
    from explainer.debugger import warm_up_once

    warm_up_once()


SAME = {
    "builtins": """import torch
words = "the cat sat on the mat the end".split()
vocab = sorted(set(words), key=lambda w: (len(w), w))
word2idx = dict((w, i) for i, w in enumerate(vocab))
codes = list(map(ord, "abc")) + [ord(chr(100))]
evens = list(filter(lambda n: n % 2 == 0, range(10)))
ok = any(w == "cat" for w in words) and all(len(w) > 1 for w in words)
x = torch.zeros(len(vocab), max(codes) - 96)
ids = torch.tensor([word2idx[w] for w in words])
y = x[word2idx["cat"]]
""",
    "methods": """import torch
xs = [3, 1, 2]
xs.extend([5, 4])
xs.sort(reverse=True)
xs.insert(0, 9)
last = xs.pop()
d = {"a": 1}
d.update(b=2)
d.setdefault("c", 3)
s = {1, 2}
s.add(3)
s |= {4} if False else set()
both = s.union({5}).intersection({1, 2, 5})
name = "Hello World".lower().title().zfill(12)
line = "{} has {:d} items, {:.2f} each".format(name, len(xs), 1 / 3)
x = torch.randn(len(xs), len(d) + len(both))
""",
    "format_error": """import torch
x = torch.randn(2, 3)
text = "{:d}".format(1.5)
""",
    "format_index_error": """text = "{} and {}".format("one")
""",
    "try_except": """import torch
def f(x):
    try:
        y = x.view(5, 7)
    except RuntimeError as e:
        y = x.view(-1)
    finally:
        z = 1
    return y
out = f(torch.randn(3, 4))
try:
    {}["missing"]
except (KeyError, IndexError):
    pass
for i in range(3):
    try:
        if i == 1:
            continue
        raise ValueError("bad %d" % i)
    except ValueError:
        pass
try:
    1 / 0
except ArithmeticError as err:
    raise
""",
    "plain_class": """import torch
class Batch:
    SIZE = 4
    def __init__(self, n):
        self._n = n
        self.x = torch.randn(n, 3)
    def __len__(self):
        return self._n
    def __getitem__(self, i):
        return self.x[i]
    def __call__(self, w):
        return self.x @ w
b = Batch(Batch.SIZE)
row = b[len(b) - 1]
y = b(torch.randn(3, 2))
z = b(torch.randn(2, 2))
""",
    "closure": """import torch
def make(n):
    def build(m):
        return torch.zeros(n, m)
    scale = lambda t: t * n
    return scale(build(3))
x = make(2)
""",
    "itertools_collections": """import itertools
import functools
import collections
import torch
seqs = ["ghat", "nice", "chut"]
chars = sorted(set(itertools.chain.from_iterable(seqs)))
pairs = list(itertools.product(range(2), range(3)))
counts = collections.Counter("".join(seqs))
groups = collections.defaultdict(list)
for s in seqs:
    groups[s[0]].append(s)
total = functools.reduce(lambda a, b: a + b, [len(s) for s in seqs])
x = torch.zeros(len(chars), len(pairs), total)
""",
    "argparse": """import argparse
import torch
parser = argparse.ArgumentParser(description="demo")
parser.add_argument("--hidden", type=int, default=8)
parser.add_argument("--lr", type=float, default=0.1)
parser.add_argument("--cuda", action="store_true")
args = parser.parse_args(["--hidden", "16"])
args.cuda = args.cuda and torch.cuda.is_available()
rnn = torch.nn.GRU(4, args.hidden)
out, h = rnn(torch.randn(5, 2, 4))
bad = torch.nn.Linear(8, 2)(out)
""",
    "random_not_shape": """import random
import torch
random.seed(1)
data = [random.random() for _ in range(10)]
random.shuffle(data)
word = "".join(random.choice("abc") for _ in range(5))
x = torch.tensor(data[:4]).view(2, 2) * random.uniform(0, 1)
""",
    "numpy_float64": """import numpy as np
import torch
x = torch.from_numpy(np.zeros((2, 3)))
y = torch.nn.Linear(3, 4)(x)
""",
    "numpy_float32": """import numpy as np
import torch
steps = np.linspace(0, np.pi * 2, 10, dtype=np.float32)
x = torch.from_numpy(np.sin(steps)[np.newaxis, :, np.newaxis])
rnn = torch.nn.RNN(1, 4, batch_first=True)
out, h = rnn(x)
a = torch.tensor(np.eye(3)[[0, 2]])
b = torch.Tensor(np.random.rand(2, 3))
c = torch.FloatTensor(np.round(np.random.rand(4)))
""",
    "numpy_of_grad": """import torch
w = torch.randn(3, requires_grad=True)
a = w.numpy()
""",
    "numpy_rows_unknown": """import numpy as np
import torch
lstm = torch.nn.LSTM(3, 5)
out, (h, c) = lstm(torch.randn(4, 2, 3))
_, idx = out.max(2)
idx = idx.data.numpy()
chars = "abcde"
text = "".join(chars[i] for i in idx[:, 0])
print("%d %.3f" % (idx.shape[0], out.sum().item()))
loss = out.sum()
value = loss.data[0]
""",
    # a if c else b with c known only to the real run: both plain arms, one value or an unknown one
    "either_arm_of_an_unknown_test": """import torch
chars = ['a', 'b', 'c']
out = torch.randn(1, 3)
_, idx = out.max(dim=1)
guess = chars[idx[0].item()]
category = 'b'
correct = 'yes' if guess == category else 'no (%s)' % category
same = 1 if guess == category else 1
print('%s / %s %s' % (guess, category, correct))
z = torch.zeros(same, 2)
w = torch.zeros(2 if out.sum() > 0 else 2, 3)
""",
    # type(x) compared with a class: Python's answer (nothing's type is torch.autograd.Variable)
    "type_of_values": """import torch
import torch.nn as nn
from torch.autograd import Variable
def repackage_hidden(h):
    if type(h) == Variable:
        return Variable(h.data)
    else:
        return tuple(repackage_hidden(v) for v in h)
class M(nn.Module):
    pass
flags = [type(3) is int, type(True) == int, type([]) is list, type(torch.randn(2)) == torch.Tensor,
         type(nn.Linear(2, 3).weight) is nn.Parameter, type(M()) == M, type(nn.LSTM(2, 3)) is nn.LSTM,
         type(None) == int, type('a') != str]
print(flags, type(3), type(torch.zeros(1)))
h = (torch.randn(2, 3, 4), torch.randn(2, 3, 4))
h2 = repackage_hidden(torch.zeros(2, 3))
""",
    # an if on a tensor's value whose branches only print: the run goes on past it
    "branches_that_only_print": """import torch
import torch.nn.functional as F
out = F.softmax(torch.randn(1, 2), 1)
if (torch.argmax(out[0]) == 1):
    print ("Sentiment: Positive")
else:
    print("Sentiment: Negative", 3, end="")
pred = out.max(1, keepdim=True)[1]
if pred[0][0] == 0:
    print("bad", 3 * 2)
y = out.view(2, 1)
""",
    # numpy's stride tricks: as_strided's shape is the one asked for, its numbers unknown here
    "numpy_stride_tricks": """import numpy as np
import torch
x = np.random.rand(30)
n_row = x.shape[0] - 5 + 1
out = np.lib.stride_tricks.as_strided(x, shape=(n_row, 5), strides=(x.strides[0], x.strides[0]))
a, b = out[:-1], out[-1]
t = torch.tensor(a).float().unsqueeze(-1)
y, h = torch.nn.LSTM(1, 4, batch_first=True)(t)
w = np.lib.stride_tricks.sliding_window_view(np.arange(10), 3)
print(w.shape, w[2].tolist())
from numpy.lib.stride_tricks import sliding_window_view
v = sliding_window_view(np.zeros((4, 5)), (2, 2))
bad = np.lib.stride_tricks.as_strided(x, shape=(3, -2), strides=(8, 8))
""",
}


@pytest.mark.parametrize("name", SAME)
def test_same_verdict_as_real_python(name):
    assert_same(SAME[name])


def test_an_item_picked_by_a_tensors_number_is_said_to_be_assumed():
    d = diagnose_source(SAME["numpy_rows_unknown"])
    assert [w.code for w in d.warnings] == ["unknown_index"]


def test_a_random_number_never_decides_a_shape():
    d = diagnose_source("import random\nimport torch\nx = torch.randn(random.randint(1, 5), 3)\n")
    assert d.refused is not None and "random" in d.refused and d.line == 3


def test_numpy_random_shapes_are_exact_its_numbers_unknown():
    source = """import numpy as np
import torch
lengths = np.random.randint(1, 5, 3)
x = torch.from_numpy(lengths)
y = torch.zeros(int(lengths[0]))
"""
    d = diagnose_source(source)
    assert d.refused is not None and d.line == 5
    assert d.shapes["x"] == (3,)


HARMFUL = """import os
import subprocess
import shutil
import sys
os.system("touch {path}")
subprocess.run(["touch", "{path}"])
shutil.rmtree("{path}")
open("{path}", "w").write("written")
with_args = os.path.join(sys.argv[0], "x")
print(os.getcwd(), with_args)
import torch
x = torch.randn(2, 3)
"""


def test_opaque_modules_run_nothing(tmp_path):
    target = tmp_path / "made"
    d = diagnose_source(HARMFUL.format(path=target))
    assert d.refused is None and d.ok and d.shapes == {"x": (2, 3)}
    assert not target.exists()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_shape_that_needs_an_opaque_value_names_it_and_asks(lang):
    source = "import os\nimport torch\nn = len(os.listdir('.'))\nx = torch.zeros(n, 3)\n"
    d = diagnose_source(source, lang)
    assert d.ok is False and d.line == 4 and d.unresolved == []  # n is defined: its value is unknown
    assert (d.unknown.name, d.unknown.statement, d.unknown.statement_line) == (
        "n",
        "n = len(os.listdir('.'))",
        3,
    )
    assert phrase("dbg.unknown_value_at", lang) in d.refused
    assert phrase("dbg.why.module", lang) in d.refused


def test_a_files_contents_are_opaque():
    source = "import torch\ntext = open('data.txt').read()\nv = len(set(text))\n"
    source += "emb = torch.nn.Embedding(v, 8)\n"
    d = diagnose_source(source)
    assert d.line == 4 and d.unknown.name == "v" and d.unknown.why == "file"
    assert phrase("dbg.why.file", "en") in d.refused


def test_format_fields_never_read_attributes():
    d = diagnose_source("x = 1\ntext = '{0.__class__}'.format(x)\n")
    assert d.refused is not None and d.line == 2
    d = diagnose_source("text = '{:99999999}'.format(1)\n")
    assert d.refused is not None


PRINTED = """import os
import argparse
import itertools
import random
import numpy as np
import torch
parser = argparse.ArgumentParser()
parser.add_argument("--n", type=int, default=3)
args = parser.parse_args()
class Plain:
    pass
lstm = torch.nn.LSTM(2, 3)
out, _ = lstm(torch.randn(2, 1, 2))
shown = [len, os, os.getcwd(), map(len, ["a"]), itertools.chain, parser, args, Plain, Plain(),
         random.randint, np.random.rand(2), out.detach().numpy(), lambda: 0, set, ValueError,
         parser.add_argument]
text = f"{shown}" + "".join([f"{v}" for v in shown])
"""


def test_new_objects_print_without_internal_names():
    interp = Interpreter(PRINTED)
    interp.run(ast.parse(PRINTED))
    text = interp.globals["text"]
    for leak in ("explainer", "0x", "_Builtin", "Opaque", "UserObject", "UserClass", "Modelled", "interp"):
        assert leak not in text, (leak, text)
    assert interp.globals["args"].values == {"n": 3}


def test_refusals_still_report_what_was_checked():
    # a branch on what only the real run knows (a file), which changes a tensor: refused at the if
    source = "import torch\nx = torch.randn(2, 3)\nimport os\nif os.path.exists('x'):\n    x = x.t()\n"
    d = diagnose_source(source)
    assert d.line == 4 and d.shapes == {"x": (2, 3)}


def test_no_object_of_the_checker_reaches_numpy_or_argparse():
    with pytest.raises(Refused):
        interp = Interpreter("import numpy as np\nx = np.array([len])\n")
        interp.run(ast.parse(interp.source))


def test_a_call_not_run_is_said_once_at_the_first():
    """Nothing of os or matplotlib runs; the diagnosis says so at the first such call, once."""
    d = diagnose_source("import os\nimport torch\nx = torch.randn(2, 3)\nos.remove('x')\nos.system('ls')\n")
    assert d.ok and d.shapes == {"x": (2, 3)}
    assert [(w.code, w.line) for w in d.warnings] == [("not_run", 4)]
