# Source: https://github.com/pytorch/pytorch/issues/6176
# Self-contained: .cuda() removed (no GPU here); imports added.
import torch
import torch.nn as nn

input_size = 3
hidden_size = 4
model = nn.GRUCell(input_size, hidden_size, False)
x = torch.randn(5, input_size)
h = torch.randn(2, hidden_size)
model(x, h)
