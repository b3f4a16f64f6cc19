# Source: https://discuss.pytorch.org/t/why-does-nn-gru-accept-inputs-of-shape-1-x-input-size/2979
# Self-contained: imports added.
import torch
import torch.nn as nn
from torch.autograd import Variable

batch_size = 5
input_size = 10
num_layers = 2
hidden_size = 20
seq_len = 3
rnn = nn.GRU(input_size, hidden_size, num_layers)
inp = Variable(torch.randn(batch_size, seq_len, input_size))
h0 = Variable(torch.randn(num_layers, seq_len, hidden_size))
output, hn = rnn(inp, h0)
