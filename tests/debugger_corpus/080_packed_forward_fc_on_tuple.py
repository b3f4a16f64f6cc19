# Source: https://github.com/pytorch/pytorch/issues/13214
# Self-contained: the forward() excerpt put in a module with the layers it uses (an LSTM of 8
# features and 16 hidden units, a Linear to 3 classes) and called on a random batch of 4 sequences
# of lengths 6, 5, 3, 2 (the report's list, in decreasing order).
import torch
import torch.nn as nn


class Model(nn.Module):
    def __init__(self):
        super(Model, self).__init__()
        self.lstm = nn.LSTM(8, 16, batch_first=True)
        self.fc = nn.Linear(16, 3)

    # lens is a Python list which contains the lengths of each sample in decreasing order
    def forward(self, x, lens):
        x_lens = torch.tensor(lens, dtype=torch.int64, device=torch.device('cpu'))
        print (x_lens, x_lens.size(), x_lens.type())
        x_packed = torch.nn.utils.rnn.pack_padded_sequence(x, x_lens, batch_first=True)
        out, _ = self.lstm(x_packed)
        out = torch.nn.utils.rnn.pad_packed_sequence(out, batch_first=True)
        out = self.fc(out)

        return out


model = Model()
out = model(torch.randn(4, 6, 8), [6, 5, 3, 2])
