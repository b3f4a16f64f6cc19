# Source: https://github.com/farup/GradientInvestor/blob/main/pytorch-models/lstm/sinus/main.py
# Whole file at a revision that stops inside forward(); self-contained: matplotlib (not installed
# here) and the plot of the data removed; the model built as the repository's test script does
# (`model = LSTMPredictor()`); N x L = 100 x 1000 -> 10 x 100.
import numpy as np
import torch
import torch.nn as nn
import torch.optim as optim

N = 10
L = 100
T = 20

x = np.empty((N, L), np.float32)
x[:] = np.array(range(L)) + np.random.randint(-4*T, 4*T, N).reshape(N, 1)
y = np.sin(x/1.0/T).astype(np.float32)


class LSTMPredictor(nn.Module): 
    def __init__(self, n_hidden=51): 
        super(LSTMPredictor, self).__init__()
        self.n_hidden = n_hidden
        # lstm1, lstm2, linear 
        self.lstm1 = nn.LSTMCell(input_size=1, hidden_size=self.n_hidden)
        self.lstm2 = nn.LSTMCell(self.hidden, hidden_size=self.n_hidden)
        self.linear = nn.Linear(self.n_hidden, 1)

    def forward(self, x, future=0): 
        output = []
        n_samples = x.size(0)

        h_t = torch.zeros(n_samples, self.n_hidden, dtype=torch.float32)
        c_t = torch.zeros(n_samples, self.n_hidden, dtype=torch.float32)


model = LSTMPredictor()
