# Source: https://programmerah.com/runtimeerror-expected-hidden0-size-x-x-x-gotx-x-x-39265/
# Self-contained: config.drop_out set to a number; the batch is torch.randn of the post's sizes.
import torch
import torch.nn as nn

num_layers = 2
num_directions = 2
batch = 4
seq_len = 10
input_size = 300
hidden_size = 100

bilstm = nn.LSTM(
    input_size=input_size,
    hidden_size=hidden_size,
    num_layers=num_layers,
    bidirectional=True,
    bias=True,
    dropout=0.5
)
input = torch.randn(batch, seq_len, input_size)
h0 = torch.zeros(num_layers * num_directions, batch, hidden_size)
c0 = torch.zeros(num_layers * num_directions, batch, hidden_size)
output, (hn, cn) = bilstm(input, (h0, c0))
