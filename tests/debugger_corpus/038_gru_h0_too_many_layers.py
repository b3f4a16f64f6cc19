# Source: https://github.com/pytorch/pytorch/issues/3259
# Unchanged (the maintainer's repro).
import torch
from torch.autograd import Variable

input_size = 4
hidden_size = 5
gru = torch.nn.GRU(input_size, hidden_size, 2)
input = Variable(torch.randn(10, 3, input_size))
h0 = Variable(torch.randn(2*1*10000, 3, hidden_size))
gru(input, h0)
