# Source: https://github.com/yenhao123/NTU-Class/blob/master/ADL/hw1/jonyj/test.py
# Unchanged.
import torch
import torch.nn as nn

rnn = nn.RNN(10, 20, 2)
input = torch.randn(5, 3, 10)
h0 = torch.randn(2, 3, 20)
print(input)
output, hn = rnn(input, h0)
