# Source: https://github.com/pytorch/pytorch/issues/19675
# Self-contained: import added.
import torch

input = torch.rand([60, 8, 256]) #batch size is 60, sequence size is 8, features are 256
lstm = torch.nn.LSTM(256, 512, batch_first=True)
_, (finalHiddenState, _) = lstm(input)
print(finalHiddenState.shape)
