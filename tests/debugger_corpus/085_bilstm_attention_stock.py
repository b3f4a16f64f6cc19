# Source: https://github.com/MATHIVANAN2307/stock_market_ai/blob/HEAD/model.py
# The model unchanged; driven with a random batch of 16 windows of 30 closing prices.
import torch
import torch.nn as nn

class Attention(nn.Module):
    def __init__(self, hidden_dim):
        super().__init__()
        self.attn = nn.Linear(hidden_dim, 1)

    def forward(self, x):
        weights = torch.softmax(self.attn(x), dim=1)
        return torch.sum(weights * x, dim=1)

class BiLSTMAttention(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(
            input_size=1,
            hidden_size=64,
            num_layers=2,
            batch_first=True,
            bidirectional=True
        )
        self.attention = Attention(128)
        self.fc = nn.Linear(128, 1)

    def forward(self, x):
        out, _ = self.lstm(x)
        out = self.attention(out)
        return self.fc(out)


model = BiLSTMAttention()
model.eval()
with torch.no_grad():
    pred = model(torch.randn(16, 30, 1))
print(pred.shape)
