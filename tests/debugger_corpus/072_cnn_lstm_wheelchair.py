# Source: https://github.com/trish2023/Brain-Controlled-Wheelchair/blob/main/real_time_system/cnn_lstm_model.py
# Self-contained: the model called on a random batch of 4 EEG windows (50 steps, 8 channels).
# CNN+LSTM model architecture
import torch
import torch.nn as nn
import torch.nn.functional as F

class CNNLSTM(nn.Module):
    def __init__(self, input_size, hidden_size, num_classes):
        super(CNNLSTM, self).__init__()
        self.conv1 = nn.Conv1d(in_channels=8, out_channels=32, kernel_size=3, padding=1)

        self.conv2 = nn.Conv1d(in_channels=32, out_channels=64, kernel_size=3, padding=1)
        self.pool = nn.MaxPool1d(kernel_size=2)
        self.lstm = nn.LSTM(input_size=64, hidden_size=hidden_size, batch_first=True)
        self.fc = nn.Linear(hidden_size, num_classes)

    def forward(self, x):
        x = x.permute(0, 2, 1)  # (batch, features, seq_len)
     # (batch, features, seq_len)
        x = F.relu(self.conv1(x))
        x = self.pool(F.relu(self.conv2(x)))
        x = x.permute(0, 2, 1)                 # (batch, seq_len, features)
        self.lstm.flatten_parameters()
        lstm_out, _ = self.lstm(x)
        out = self.fc(lstm_out[:, -1, :])
        return out


model = CNNLSTM(8, 32, 4)
out = model(torch.randn(4, 50, 8))
