# Source: https://github.com/yentingw/sentiment-analysis-of-tweets-with-pytorch/blob/HEAD/rnn.py
# The model unchanged; driven as the Udacity notebook trains it: one init_hidden(batch_size) per
# epoch, the state re-wrapped with .data each batch, over a DataLoader of 130 random reviews in
# batches of 50 without drop_last (the last batch has 30 rows).
import torch
import torch.nn as nn
from torch.utils.data import TensorDataset, DataLoader

class SentimentRNN(nn.Module):

    def __init__(self, vocab_size, output_size, embedding_dim, hidden_dim, n_layers, drop_prob=0.5):
        
        super(SentimentRNN, self).__init__()
        
        self.output_size = output_size
        self.n_layers = n_layers
        self.hidden_dim = hidden_dim
        
        self.embedding = nn.Embedding(vocab_size, embedding_dim)
        self.lstm = nn.LSTM(embedding_dim, hidden_dim, n_layers, 
                            dropout=drop_prob, batch_first=True)
        
        self.dropout = nn.Dropout(0.3)
        
        self.fc = nn.Linear(hidden_dim, output_size)
        self.sig = nn.Sigmoid()
        

    def forward(self, x, hidden):
        
        batch_size = x.size(0)

        embeds = self.embedding(x)
        lstm_out, hidden = self.lstm(embeds, hidden)
    
        lstm_out = lstm_out.contiguous().view(-1, self.hidden_dim)
        
        out = self.dropout(lstm_out)
        out = self.fc(out)
        sig_out = self.sig(out)
        
        sig_out = sig_out.view(batch_size, -1)
        sig_out = sig_out[:, -1]
        
        return sig_out, hidden
    
    
    def init_hidden(self, batch_size):
        
        weight = next(self.parameters()).data
        hidden = (weight.new(self.n_layers, batch_size, self.hidden_dim).zero_(),
                  weight.new(self.n_layers, batch_size, self.hidden_dim).zero_())
        
        return hidden


train_data = TensorDataset(torch.randint(1, 100, (130, 20)), torch.randint(0, 2, (130,)))
train_loader = DataLoader(train_data, shuffle=True, batch_size=50)

net = SentimentRNN(100, 1, 16, 32, 2)
criterion = nn.BCELoss()
optimizer = torch.optim.Adam(net.parameters(), lr=0.001)
batch_size = 50

net.train()
for e in range(2):
    h = net.init_hidden(batch_size)
    for inputs, labels in train_loader:
        h = tuple([each.data for each in h])
        net.zero_grad()
        output, h = net(inputs, h)
        loss = criterion(output.squeeze(), labels.float())
        loss.backward()
        nn.utils.clip_grad_norm_(net.parameters(), 5)
        optimizer.step()
