# Source: https://github.com/tanmlh/Self-supervised-Domain-agnostic-Domain-Adaptation-for-Satellite-Images/blob/HEAD/models/modules/lstm_net.py
# The module unchanged (its unused pdb import cut); driven with a random (L, N, C) feature sequence
# of 26 steps, a batch of 4 and 256 channels, as a CRNN's convolutional features feed it.
import torch.nn as nn
import torch

class LSTM(nn.Module):

    def __init__(self, input_channel, hidden_dim, bidirectional=True):
        super(LSTM, self).__init__()

        self.rnn = nn.LSTM(input_channel, hidden_dim, bidirectional=bidirectional)
        # init weight
        nn.init.xavier_normal_(self.rnn.weight_hh_l0)
        nn.init.xavier_normal_(self.rnn.weight_ih_l0)
        self.rnn.bias_hh_l0.data.zero_()
        self.rnn.bias_ih_l0.data.zero_()
        if bidirectional:
            nn.init.xavier_normal_(self.rnn.weight_hh_l0_reverse)
            nn.init.xavier_normal_(self.rnn.weight_ih_l0_reverse)
            self.rnn.bias_hh_l0_reverse.data.zero_()
            self.rnn.bias_ih_l0_reverse.data.zero_()

    def forward(self, input):
        output, _ = self.rnn(input)
        return output


features = torch.randn(26, 4, 256)
output = LSTM(256, 128)(features)
print(output.shape)
single = LSTM(256, 128, bidirectional=False)(features)
