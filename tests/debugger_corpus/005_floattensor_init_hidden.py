# Source: https://github.com/pytorch/pytorch/issues/1255
# Self-contained: the class around the methods written out with its sizes; random input.
import torch
import torch.nn as nn
from torch import FloatTensor
from torch.autograd import Variable


class Net(nn.Module):
    def __init__(self, input_dim, hidden_dim, num_layers, batch_len, dropout):
        super(Net, self).__init__()
        self.input_dim = input_dim
        self.hidden_dim = hidden_dim
        self.num_layers = num_layers
        self.batch_len = batch_len
        self.lstm = nn.LSTM(input_dim, hidden_dim, num_layers, dropout = dropout, batch_first=True)
        self.hidden = self.init_hidden()

    def init_hidden(self):
        h_0 = Variable(FloatTensor(self.num_layers, self.batch_len, self.hidden_dim).zero_(), \
        requires_grad=True)
        c_0 = Variable(FloatTensor(self.num_layers, self.batch_len, self.hidden_dim).zero_(), \
        requires_grad=True)
        return (h_0, c_0)

    def forward(self, sequences):
        lstm_out, self.hidden = self.lstm(sequences.view(1, self.batch_len,  self.input_dim), self.hidden)
        return lstm_out


model = Net(input_dim=6, hidden_dim=8, num_layers=2, batch_len=5, dropout=0.2)
train_input = torch.randn(5, 6)
output = model(train_input)
