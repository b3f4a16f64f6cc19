# Source: https://github.com/magizbox/deep_learning_code/blob/master/rnn/rnn_1.py
# Unchanged.
import torch
from torch import nn

rnn = nn.RNN(10, 20, 2)
input = torch.randn(5, 3, 10)
h0 = torch.randn(2, 3, 20)
output, hn = rnn(input, h0)
print(output)
print(hn)
