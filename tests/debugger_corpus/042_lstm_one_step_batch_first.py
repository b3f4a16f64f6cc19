# Source: https://github.com/pytorch/pytorch/issues/34036
# Self-contained: x a random batch of 32 sequences of 5 steps; the call made in a loop over t
# starting from no state, as the report describes.
import torch

x = torch.randn(32, 5, 8)
h_c = None
lstm = torch.nn.LSTM(8, 12, batch_first=True)
for t in range(x.size(1)):
    # x[:, [t], :].size() -> torch.Size([32, 1, 8])
    h_c = lstm(x[:, [t], :], h_c)[1]
    # h_c[0].size() -> torch.Size([1, 32, 12])
print(h_c[0].size())
