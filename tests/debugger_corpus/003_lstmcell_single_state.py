# Source: https://github.com/PetrochukM/PyTorch-NLP/issues/62
# Self-contained: the library's WeightDrop wrapper removed; the cell is called directly.
import torch
import torch.nn as nn

lstm = nn.LSTMCell(256,512)
input_ = torch.randn(1, 256)
hidden_state = torch.randn(1, 512)
lstm(input_, hidden_state)
