# Source: https://github.com/sgadgil6/cnslab_fmri/issues/4
# Self-contained: device set to the CPU; the forward's end (cut in the thread) returns the
# sigmoid of the linear output; called on a random batch of 64 sequences of 10 steps, 22 features.
import torch
import torch.nn as nn

device = torch.device('cpu')


class fMRI_LSTM(nn.Module):
    def __init__(self, hidden_dim, input_dim):
        super(fMRI_LSTM, self).__init__()
        self.hidden_dim = hidden_dim
        self.lstm = nn.LSTM(input_dim, hidden_dim,num_layers=1, batch_first=True) # 
        self.linear = nn.Linear(hidden_dim,1)
        self.hidden= self.init_hidden()
        self.dropout = nn.Dropout(p=0.2)
        # self.target_size = target_size
        self.activate=nn.Sigmoid()

    def init_hidden(self, ):#
        return (torch.randn(1, 64, self.hidden_dim).to(device), torch.randn(1,64, self.hidden_dim).to(device))

    def forward(self, x):
        #x = x.T
        lstm_out, self.hidden = self.lstm(x)
        lstm_out = lstm_out.squeeze()[:, -1, :] # here ,you don't need to pass hidden layer state
        out = self.dropout(lstm_out)
        # mean_pooling_output = F.avg_pool1d(out,)
        linear_output = self.linear(out)
        #linear_output = self.dropo(linear_output)
        return self.activate(linear_output)


model = fMRI_LSTM(32, 22)
criterion = nn.BCELoss()
for x in [torch.randn(64, 10, 22), torch.randn(1, 10, 22)]:
    out = model(x)
    loss = criterion(out, torch.rand(x.size(0), 1))
    loss.backward()
