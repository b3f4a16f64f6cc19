# Source: https://github.com/BioConvolutionyt/DTimeBench/blob/HEAD/CNN_LSTM_or_BiLSTM.py
# The model unchanged; driven with a random batch in the layout its forward expects,
# (batch, seq_len, input_dim), then with channels first (batch, input_dim, seq_len) as a Conv1d
# usually takes it.
import torch
import torch.nn as nn


class CNN_LSTM(nn.Module):
    def __init__(self, input_dim, hidden_dim, bidirectional, kernel_size):  # bidirectional设为True则是BiLSTM
        super(CNN_LSTM, self).__init__()
        self.conv1 = nn.Conv1d(in_channels=input_dim, out_channels=hidden_dim, kernel_size=kernel_size,
                               padding=kernel_size // 2)
        self.lstm = nn.LSTM(hidden_dim, hidden_dim, bidirectional=bidirectional, batch_first=True)


    def forward(self, x):
        x = x.transpose(1, 2)
        x = self.conv1(x)
        x = x.transpose(1, 2)
        x, _ = self.lstm(x)
        return x


model = CNN_LSTM(input_dim=6, hidden_dim=32, bidirectional=True, kernel_size=3)
out = model(torch.randn(4, 50, 6))
print(out.shape)
out = model(torch.randn(4, 6, 50))
