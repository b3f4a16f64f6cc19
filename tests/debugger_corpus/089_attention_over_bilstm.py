# Source: https://github.com/szymonf6/AI-Projects/blob/HEAD/project4_predict_SOC_SOH_battery/attention.py
# The attention layer unchanged; driven as the project's model feeds it, over the output of a
# bidirectional LSTM (batch 8, 40 steps of 3 battery readings, 64 hidden units per direction), then
# over a one-direction LSTM of the same size.
import torch
import torch.nn as nn

class Attention(nn.Module):
    def __init__(self, lstm_hidden_size):
        super(Attention, self).__init__()
        self.attn = nn.Linear(lstm_hidden_size * 2, 1)

    def forward(self, lstm_output):
        attn_weights = torch.softmax(self.attn(lstm_output), dim=1)
        context = torch.sum(attn_weights * lstm_output, dim=1)
        return context, attn_weights


lstm = nn.LSTM(3, 64, batch_first=True, bidirectional=True)
attention = Attention(64)
lstm_output, _ = lstm(torch.randn(8, 40, 3))
context, weights = attention(lstm_output)
print(context.shape, weights.shape)
lstm_one_way = nn.LSTM(3, 64, batch_first=True)
lstm_output, _ = lstm_one_way(torch.randn(8, 40, 3))
context, weights = attention(lstm_output)
