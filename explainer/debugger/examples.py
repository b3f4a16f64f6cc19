"""Snippets for the debugger page: the classic mistakes, and the seed articles' own examples."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Example:
    """A snippet with a title in each language; ``mistake`` examples fail under real torch."""

    title_en: str
    title_zh: str
    code: str
    mistake: bool = True


EXAMPLES: dict[str, Example] = {
    "seed_lstm": Example(
        "Seed article: nn.LSTM(10, 20, 2) on (5, 3, 10)",
        "文章示例：nn.LSTM(10, 20, 2) 处理 (5, 3, 10)",
        """import torch
import torch.nn as nn

rnn = nn.LSTM(10, 20, 2)
input = torch.randn(5, 3, 10)
h0 = torch.randn(2, 3, 20)
c0 = torch.randn(2, 3, 20)
output, (hn, cn) = rnn(input, (h0, c0))
print(output.shape, hn.shape, cn.shape)
""",
        mistake=False,
    ),
    "seed_rnncell": Example(
        "Seed article: an RNNCell loop over time",
        "文章示例：用 RNNCell 按时间循环",
        """import torch
import torch.nn as nn

cell = nn.RNNCell(input_size=10, hidden_size=20)
input = torch.randn(6, 3, 10)
hx = torch.randn(3, 20)
output = []
for i in range(6):
    hx = cell(input[i], hx)
    output.append(hx)
output = torch.stack(output, dim=0)
""",
        mistake=False,
    ),
    "seed_bidir_gru": Example(
        "A bidirectional GRU classifier (correct)",
        "双向 GRU 分类器（正确）",
        """import torch
import torch.nn as nn

class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.GRU(8, 32, batch_first=True, bidirectional=True)
        self.fc = nn.Linear(2 * 32, 3)

    def forward(self, x):
        out, h_n = self.rnn(x)
        summary = torch.cat([h_n[-2], h_n[-1]], dim=1)
        return self.fc(summary)

model = Classifier()
x = torch.randn(4, 9, 8)
logits = model(x)
""",
        mistake=False,
    ),
    "hx_layers": Example(
        "h_0 forgets num_layers × directions",
        "h_0 忘了乘上层数 × 方向数",
        """import torch
import torch.nn as nn
lstm = nn.LSTM(10, 20, num_layers=2, bidirectional=True)
x = torch.randn(5, 3, 10)
h0 = torch.zeros(2, 3, 20)
c0 = torch.zeros(2, 3, 20)
out, (h, c) = lstm(x, (h0, c0))
""",
    ),
    "hx_batch_first": Example(
        "batch_first applied to h_0",
        "把 batch_first 用到了 h_0 上",
        """import torch
import torch.nn as nn
gru = nn.GRU(10, 20, batch_first=True)
x = torch.randn(3, 5, 10)
h0 = torch.zeros(1, 5, 20)
out, h = gru(x, h0)
""",
    ),
    "hx_batch": Example(
        "h_0 built with a fixed batch size",
        "h_0 用了固定的 batch 大小",
        """import torch
import torch.nn as nn
rnn = nn.RNN(10, 20)
h0 = torch.zeros(1, 32, 20)
x = torch.randn(7, 4, 10)
out, h = rnn(x, h0)
""",
    ),
    "after_bidir": Example(
        "stacking after a bidirectional layer",
        "在双向层之后堆叠",
        """import torch
import torch.nn as nn
first = nn.LSTM(8, 16, bidirectional=True)
second = nn.LSTM(16, 16)
x = torch.randn(5, 2, 8)
mid, _ = first(x)
out, _ = second(mid)
""",
    ),
    "univariate": Example(
        "a univariate series without its feature axis",
        "单变量序列缺少特征维",
        """import torch
import torch.nn as nn
lstm = nn.LSTM(1, 32)
series = torch.randn(30, 16)
out, _ = lstm(series)
""",
    ),
    "embedding": Example(
        "embedding size ≠ input_size",
        "词向量维度 ≠ input_size",
        """import torch
import torch.nn as nn
emb = nn.Embedding(100, 16)
rnn = nn.GRU(32, 64)
tokens = torch.randint(0, 100, (7, 4))
out, h = rnn(emb(tokens))
""",
    ),
    "lstm_pair": Example(
        "LSTM given h0 without c0",
        "LSTM 只传了 h0 没传 c0",
        """import torch
import torch.nn as nn
lstm = nn.LSTM(10, 20, 2)
x = torch.randn(5, 3, 10)
h0 = torch.zeros(2, 3, 20)
out, (h, c) = lstm(x, h0)
""",
    ),
    "gru_tuple": Example(
        "GRU given (h0, c0)",
        "GRU 传入了 (h0, c0)",
        """import torch
import torch.nn as nn
gru = nn.GRU(10, 20)
x = torch.randn(5, 3, 10)
h0 = torch.zeros(1, 3, 20)
c0 = torch.zeros(1, 3, 20)
out, h = gru(x, (h0, c0))
""",
    ),
    "hx_proj": Example(
        "proj_size: h_0 must be proj_size wide",
        "proj_size：h_0 宽度必须是 proj_size",
        """import torch
import torch.nn as nn
lstm = nn.LSTM(10, 20, proj_size=5)
x = torch.randn(5, 3, 10)
h0 = torch.zeros(1, 3, 20)
c0 = torch.zeros(1, 3, 20)
out, (h, c) = lstm(x, (h0, c0))
""",
    ),
    "hx_batched": Example(
        "2-D h_0 with 3-D input",
        "三维输入配了二维 h_0",
        """import torch
import torch.nn as nn
gru = nn.GRU(10, 20)
x = torch.randn(5, 3, 10)
h0 = torch.zeros(1, 20)
out, h = gru(x, h0)
""",
    ),
    "int_input": Example(
        "integer input",
        "整数输入",
        """import torch
import torch.nn as nn
lstm = nn.LSTM(10, 20)
x = torch.randint(0, 50, (5, 3, 10))
out, _ = lstm(x)
""",
    ),
    "dtype_input": Example(
        "float64 input",
        "float64 输入",
        """import torch
import torch.nn as nn
lstm = nn.LSTM(10, 20)
x = torch.randn(5, 3, 10, dtype=torch.float64)
out, _ = lstm(x)
""",
    ),
    "cell_sequence": Example(
        "a Cell fed a whole sequence",
        "把整段序列喂给 Cell",
        """import torch
import torch.nn as nn
cell = nn.GRUCell(10, 20)
x = torch.randn(5, 3, 10)
h = cell(x)
""",
    ),
    "pack_sorted": Example(
        "pack_padded_sequence with unsorted lengths",
        "pack_padded_sequence 的长度未排序",
        """import torch
from torch.nn.utils.rnn import pack_padded_sequence
x = torch.randn(6, 3, 4)
lengths = torch.tensor([2, 6, 4])
packed = pack_padded_sequence(x, lengths)
""",
    ),
    "pack_batch_first": Example(
        "pack_padded_sequence and batch_first",
        "pack_padded_sequence 与 batch_first",
        """import torch
from torch.nn.utils.rnn import pack_padded_sequence
x = torch.randn(3, 6, 4)
packed = pack_padded_sequence(x, torch.tensor([6, 4, 2]))
""",
    ),
    "linear_bidir": Example(
        "nn.Linear expects H, gets D·H",
        "nn.Linear 需要 H，却得到 D·H",
        """import torch
import torch.nn as nn

class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.GRU(8, 32, batch_first=True, bidirectional=True)
        self.fc = nn.Linear(32, 3)

    def forward(self, x):
        out, h = self.rnn(x)
        return self.fc(out[:, -1, :])

model = Classifier()
x = torch.randn(4, 9, 8)
logits = model(x)
""",
    ),
    "lstmcell_pair": Example(
        "LSTMCell given h without c",
        "LSTMCell 只传了 h",
        """import torch
import torch.nn as nn
cell = nn.LSTMCell(10, 20)
x = torch.randn(3, 10)
h = torch.zeros(3, 20)
h2 = cell(x, h)
""",
    ),
}
