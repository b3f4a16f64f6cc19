# Source: https://github.com/MemEye/memeye_studies/blob/HEAD/model.py
# The model unchanged; driven as its training script builds it (bidirectional left at its default)
# with a random batch of 16 sequences of 20 steps of 6 features.
from torch import nn
import torch
class LSTMModel(nn.Module):
    def __init__(self, input_dim, hidden_dim, layer_dim, output_dim, dropout_prob,bidirectional=False):
        super(LSTMModel, self).__init__()
        self.hidden_dim = hidden_dim
        self.layer_dim = layer_dim
        self.lstm = nn.LSTM(
            input_dim, hidden_dim, layer_dim, batch_first=True, dropout=dropout_prob,bidirectional=bidirectional
        )
        self.fc = nn.Linear(2*hidden_dim, output_dim)
        for name, param in self.lstm.named_parameters():
            if 'weight' in name:
                nn.init.xavier_normal_(param)
            elif 'bias' in name:
                nn.init.constant_(param, 0.0)
        nn.init.xavier_normal_(self.fc.weight)
        nn.init.constant_(self.fc.bias, 0.0)


    def forward(self, x):
        h0 = torch.zeros(self.layer_dim, x.size(0), self.hidden_dim,device=x.device).requires_grad_()
        c0 = torch.zeros(self.layer_dim, x.size(0), self.hidden_dim,device=x.device).requires_grad_()
        out, (hn, cn) = self.lstm(x, (h0.detach(), c0.detach()))
        out = out[:, -1, :]
        out = self.fc(out)
        return out


model = LSTMModel(input_dim=6, hidden_dim=32, layer_dim=2, output_dim=2, dropout_prob=0.2)
pred = model(torch.randn(16, 20, 6))
