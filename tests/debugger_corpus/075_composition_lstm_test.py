# Source: https://github.com/Kaitong-Meng/English-Composition-Generation/blob/main/lstm_test.py
# Unchanged.
import torch
import torch.nn as nn


lstm = nn.LSTM(10, 20, 2)
input = torch.randn(5, 3, 10)
h0 = torch.randn(2, 3, 20)
c0 = torch.randn(2, 3, 20)
output, (hn, cn) = lstm(input, (h0, c0))
print(output.shape)
print(hn.shape, cn.shape)
