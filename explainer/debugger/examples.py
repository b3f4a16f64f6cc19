"""Snippets for the debugger page: the classic mistakes, torch's own documentation examples, and
the seed articles' own snippets (../shared/seeds/), adapted only as far as the checker needs.

Every snippet is checked against real torch in tests/test_debugger.py: a ``mistake`` fails there
with the error it is explained for, the others run to the end.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Example:
    """A snippet (its title is the message ``dbgx.<key>``); ``mistake`` examples fail under real torch.

    ``message``: the ``dbg.*`` explanation a mistake gets, when it is not the example's own key.
    """

    code: str
    mistake: bool = True
    message: str = ""


EXAMPLES: dict[str, Example] = {
    "seed_001_lstm_class": Example(
        # From 001 (深入学习PyTorch中LSTM的输入和输出), reflowed onto lines; the article's sizes
        # (input_size=1, hidden_size=64, num_layers=5, output_size=1, batch_size=5, seq_len=30).
        # Added: `device`, which the article uses but never defines, and the epoch's last batch.
        """import torch
import torch.nn as nn

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


class LSTM(nn.Module):
    def __init__(self, input_size, hidden_size, num_layers, output_size, batch_size):
        super().__init__()
        self.input_size = input_size
        self.hidden_size = hidden_size
        self.num_layers = num_layers
        self.output_size = output_size
        self.num_directions = 1  # 單向LSTM
        self.batch_size = batch_size
        self.lstm = nn.LSTM(self.input_size, self.hidden_size, self.num_layers, batch_first=True)
        self.linear = nn.Linear(self.hidden_size, self.output_size)

    def forward(self, input_seq):
        batch_size, seq_len = input_seq[0], input_seq[1]
        h_0 = torch.randn(self.num_directions * self.num_layers, self.batch_size, self.hidden_size).to(device)
        c_0 = torch.randn(self.num_directions * self.num_layers, self.batch_size, self.hidden_size).to(device)
        # output(batch_size, seq_len, num_directions * hidden_size)
        output, _ = self.lstm(input_seq, (h_0, c_0))  # output(5, 30, 64)
        pred = self.linear(output)  # (5, 30, 1)
        pred = pred[:, -1, :]  # (5, 1)
        return pred


model = LSTM(input_size=1, hidden_size=64, num_layers=5, output_size=1, batch_size=5).to(device)
input_seq = torch.randn(5, 30, 1)  # input_seq(batch_size, seq_len, input_size)
pred = model(input_seq)  # (5, 1)
last_batch = torch.randn(3, 30, 1)  # 98 samples in batches of 5: the last batch holds 3
pred = model(last_batch)
""",
        message="hx_batch",
    ),
    "seed_002_rnn": Example(
        # From 002 (03RNN小项目), 官方案例, as quoted there.
        """import torch
import torch.nn as nn

rnn = nn.RNN(10, 20, 2)
input = torch.randn(5, 3, 10)
h0 = torch.randn(2, 3, 20)
output, hn = rnn(input, h0)
""",
        mistake=False,
    ),
    "seed_003_rnncell": Example(
        # From 003 (使用PyTorch实现简单的RNN), section 2.1, as written there.
        """import torch

# 初始化模型参数
batch_size = 5    # 批量大小
seq_len = 3       # 序列长度
input_size = 4    # 特征维度
hidden_size = 2   # 隐藏层大小

cell = torch.nn.RNNCell(input_size=input_size, hidden_size=hidden_size)
# 输入张量是三维的,维度为(seq, batch, features)
dataset = torch.randn(seq_len, batch_size, input_size)
hidden = torch.zeros(batch_size, hidden_size)  # 因为是单隐藏,所以没有layer_size
# 由于没有先验,所以初始化第一个隐藏层单元设置为全零
for idx, input in enumerate(dataset):
    # 每次取出一个seq:(batch, features)
    print("=" * 30, idx, "=" * 30)
    print("Input Size:", input.shape)

    # 迭代隐藏状态
    hidden = cell(input, hidden)
    print("outputs size:", hidden.shape)
    print(hidden)
""",
        mistake=False,
    ),
    "seed_003_multilayer": Example(
        # From 003 (使用PyTorch实现简单的RNN), section 2.2, as written there.
        """import torch

batch_size = 5     # 批量大小
seq_len = 6        # 序列长度或时间步
input_size = 4     # 输入特征维度
hidden_size = 2    # 隐藏层神经元个数
num_layers = 3      # 隐藏层的层数

cell = torch.nn.RNN(input_size=input_size, hidden_size=hidden_size, num_layers=num_layers)
# 输入数据的维度:(seqLen, batchSize, inputSize)
inputs = torch.randn(seq_len, batch_size, input_size)
h0 = torch.zeros(num_layers, batch_size, hidden_size)
out, hidden = cell(inputs, h0)
print("Output size:", out.shape)
print("Output:", out)
print("Hidden size:",hidden.shape)
print("Hidden:",hidden)
""",
        mistake=False,
    ),
    "seed_000_rnn_layer": Example(
        # From 000 (pytorch中nn.RNN()匯總), reflowed onto lines; its sizes (vocab_size = 1027,
        # num_hiddens = 256) are given in its comment and defined here.
        """import torch
import torch.nn as nn

vocab_size, num_hiddens = 1027, 256
# 定義模型, 其中vocab_size = 1027, hidden_size = 256
rnn_layer = nn.RNN(input_size=vocab_size, hidden_size=num_hiddens, )
num_steps = 35
batch_size = 2
state = None  # 初始隱藏層狀態可以不定義
X = torch.rand(num_steps, batch_size, vocab_size)
Y, state_new = rnn_layer(X, state)
print(Y.shape, len(state_new), state_new.shape)
""",
        mistake=False,
    ),
    "docs_lstm": Example(
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
    "docs_rnncell": Example(
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
    "bidir_gru": Example(
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
        """import torch
import torch.nn as nn
gru = nn.GRU(10, 20, batch_first=True)
x = torch.randn(3, 5, 10)
h0 = torch.zeros(1, 5, 20)
out, h = gru(x, h0)
""",
    ),
    "hx_batch": Example(
        """import torch
import torch.nn as nn
rnn = nn.RNN(10, 20)
h0 = torch.zeros(1, 32, 20)
x = torch.randn(7, 4, 10)
out, h = rnn(x, h0)
""",
    ),
    "after_bidir": Example(
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
        """import torch
import torch.nn as nn
lstm = nn.LSTM(1, 32)
series = torch.randn(30, 16)
out, _ = lstm(series)
""",
    ),
    "embedding": Example(
        """import torch
import torch.nn as nn
emb = nn.Embedding(100, 16)
rnn = nn.GRU(32, 64)
tokens = torch.randint(0, 100, (7, 4))
out, h = rnn(emb(tokens))
""",
    ),
    "lstm_pair": Example(
        """import torch
import torch.nn as nn
lstm = nn.LSTM(10, 20, 2)
x = torch.randn(5, 3, 10)
h0 = torch.zeros(2, 3, 20)
out, (h, c) = lstm(x, h0)
""",
    ),
    "gru_tuple": Example(
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
        """import torch
import torch.nn as nn
gru = nn.GRU(10, 20)
x = torch.randn(5, 3, 10)
h0 = torch.zeros(1, 20)
out, h = gru(x, h0)
""",
    ),
    "int_input": Example(
        """import torch
import torch.nn as nn
lstm = nn.LSTM(10, 20)
x = torch.randint(0, 50, (5, 3, 10))
out, _ = lstm(x)
""",
    ),
    "dtype_input": Example(
        """import torch
import torch.nn as nn
lstm = nn.LSTM(10, 20)
x = torch.randn(5, 3, 10, dtype=torch.float64)
out, _ = lstm(x)
""",
    ),
    "cell_sequence": Example(
        """import torch
import torch.nn as nn
cell = nn.GRUCell(10, 20)
x = torch.randn(5, 3, 10)
h = cell(x)
""",
    ),
    "pack_sorted": Example(
        """import torch
from torch.nn.utils.rnn import pack_padded_sequence
x = torch.randn(6, 3, 4)
lengths = torch.tensor([2, 6, 4])
packed = pack_padded_sequence(x, lengths)
""",
    ),
    "pack_batch_first": Example(
        """import torch
from torch.nn.utils.rnn import pack_padded_sequence
x = torch.randn(3, 6, 4)
packed = pack_padded_sequence(x, torch.tensor([6, 4, 2]))
""",
    ),
    "linear_bidir": Example(
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
        """import torch
import torch.nn as nn
cell = nn.LSTMCell(10, 20)
x = torch.randn(3, 10)
h = torch.zeros(3, 20)
h2 = cell(x, h)
""",
    ),
    "lstm_single_state": Example(
        """import torch
import torch.nn as nn
lstm = nn.LSTM(10, 20)
x = torch.randn(5, 3, 10)
h0 = torch.zeros(1, 3, 20)
out, (h, c) = lstm(x, h0)
""",
    ),
    "lstm_single_state_unbatched": Example(
        """import torch
import torch.nn as nn
lstm = nn.LSTM(10, 20)
x = torch.randn(5, 10)
h0 = torch.zeros(1, 20)
out, (h, c) = lstm(x, h0)
""",
        message="lstm_single_state",
    ),
    "proj_too_big": Example(
        """import torch
import torch.nn as nn
lstm = nn.LSTM(10, 20, proj_size=20)
x = torch.randn(5, 3, 10)
out, (h, c) = lstm(x)
""",
    ),
    "proj_not_lstm": Example(
        """import torch
import torch.nn as nn
gru = nn.GRU(10, 20, proj_size=5)
x = torch.randn(5, 3, 10)
out, h = gru(x)
""",
    ),
    "ce_sequence": Example(
        """import torch
import torch.nn as nn
import torch.nn.functional as F

vocab, tags = 100, 5
emb = nn.Embedding(vocab, 16)
lstm = nn.LSTM(16, 32, batch_first=True)
head = nn.Sequential(nn.Linear(32, 32), nn.ReLU(), nn.Linear(32, tags))
tokens = torch.randint(0, vocab, (8, 12))
labels = torch.randint(0, tags, (8, 12))
out, _ = lstm(emb(tokens))
logits = head(out)  # (N, L, C)
loss = F.cross_entropy(logits, labels)
""",
    ),
    "training_loop": Example(
        """import torch
import torch.nn as nn

model = nn.LSTM(input_size=1, hidden_size=32, num_layers=2, batch_first=True)
head = nn.Sequential(nn.Linear(32, 16), nn.Tanh(), nn.Linear(16, 1))
params = list(model.parameters()) + list(head.parameters())
optimizer = torch.optim.Adam(params, lr=1e-3)
criterion = nn.MSELoss()
t = torch.linspace(0, 12.56, 51)
series = torch.sin(t)
x = series[:-1].view(1, 50, 1).repeat(16, 1, 1)  # (N, L, 1)
y = series[1:].view(1, 50, 1).repeat(16, 1, 1)
for epoch in range(20):
    optimizer.zero_grad()
    out, (h, c) = model(x)
    loss = criterion(head(out), y)
    loss.backward()
    optimizer.step()
    print(f"epoch {epoch}: {loss.item():.4f}")
""",
        mistake=False,
    ),
}
