"""Issue 11's third coverage pass, each against real torch executed here: the counted budget prices
a Python call as a Python call and a tensor operator as a torch call; numpy views and Dataset rows
of numpy data; a branch only the real run decides that collects into a printed list."""

import pytest
from test_debugger import assert_same

from explainer.debugger import diagnose_source, limits


@pytest.fixture(autouse=True, scope="module")
def _warm():
    from explainer.debugger import warm_up_once

    warm_up_once()


ONE_HOT = """import random
import numpy as np
import torch
symbols = 'abcdefghijklmnopqrstuvwxyz0123456789 '
index = {c: i for i, c in enumerate(symbols)}
texts = [''.join(random.choice(symbols) for _ in range(140)) for _ in range(60)]
x = np.zeros((16, 140, len(symbols)))
for i, text in enumerate(texts[:16]):
    for j, char in enumerate(text):
        x[i][j][index[char]] = 1
lstm = torch.nn.LSTM(len(symbols), 8)
out, (h, c) = lstm(torch.from_numpy(x).float().transpose(0, 1))
"""


def test_a_loop_of_python_calls_costs_python_calls():
    """8,400 random.choice calls and 2,240 numpy views: answered inside the counted budget (each
    call priced CALL_S, they alone would be 1.7 s of it, most of what the budget allows)."""
    assert_same(ONE_HOT)
    assert diagnose_source(ONE_HOT).work < 8400 * limits.CALL_S  # priced CALL_S, at least this


def test_tensor_operators_are_priced_as_torch_calls():
    source = "import torch\nx = torch.zeros(3, 4)\nfor i in range(1000):\n    y = x + x\n"
    d = diagnose_source(source)
    assert d.ok and d.work >= 1000 * limits.CALL_S
    looped = source.replace("    y = x + x", "    for j in range(20):\n        y = x + x")
    d = diagnose_source(looped)
    assert d.refused is not None and d.work <= limits.WORK_LIMIT_S


DATASET = """import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset
class Windows(Dataset):
    def __init__(self, x, y):
        self.x = np.expand_dims(x, 2).astype(np.float32)
        self.y = y.astype(np.float32)
    def __len__(self):
        return len(self.x)
    def __getitem__(self, idx):
        return (self.x[idx], self.y[idx])
data = np.random.randn(50, 6)
loader = DataLoader(Windows(data, np.random.randn(50)), batch_size=16, shuffle=True)
model = torch.nn.Linear(6, 1){double}
for x, y in loader:
    out = model(x[:, :, 0])
    loss = torch.nn.functional.mse_loss(out[:, 0], y)
"""


@pytest.mark.parametrize("double", ["", ".double()"])
def test_numpy_dataset_rows_collate_as_torchs(double):
    """float32 arrays and float32 numbers read from them batch as float32 tensors (a float64
    model then fails as it does for real), shuffled or not: every row has the same shapes."""
    assert_same(DATASET.format(double=double))


COLLECT = """import torch
p = torch.zeros(3).argmax()
words = {{'a': 0, 'b': 1, 'c': 2}}
out = []
{alias}for key, value in words.items():
    if value == p:
        out.append(key)
print(out)
{after}"""


def test_a_list_collected_by_an_unknown_branch_is_not_known():
    assert_same(COLLECT.format(alias="", after=""))
    shape = diagnose_source(COLLECT.format(alias="", after="x = torch.zeros(len(out))\n"))
    assert shape.refused is not None and "out" in shape.refused  # the list's length is the real run's
    aliased = diagnose_source(COLLECT.format(alias="seen = [out]\n", after=""))
    assert aliased.refused is not None and "branch" in aliased.refused


def test_concatenate_of_arrays_of_different_lengths():
    assert_same("import numpy as np\na = np.concatenate([np.zeros(2), np.zeros(3)])\nb = a.reshape(5, 1)\n")
