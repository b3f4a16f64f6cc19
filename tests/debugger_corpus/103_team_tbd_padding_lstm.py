# Source: https://github.com/acmucsd-projects/Team-TBD/blob/main/python_files/model.py (with src/padding.py)
# The model file and padding_ (src/padding.py), unchanged but for the imports that are not
# installed here (nltk, seaborn, tqdm, matplotlib, sklearn), which neither uses; self-contained:
# 8 random reviews of 3 to 30 word ids (lengths written out), padded to 20, run through the model once.
import numpy as np
import pandas as pd
import torch
import torch.nn as nn
import torch.nn.functional as F
from collections import Counter
import string
import re
from torch.utils.data import TensorDataset, DataLoader

class MBTIRNN(nn.Module):
    def __init__(self, no_layers, vocab_size, hidden_dim, embedding_dim, drop_prob=0.5):
        super(MBTIRNN, self).__init__()
        self.output_dim = 1
        self.hidden_dim = hidden_dim

        self.no_layers = no_layers
        self.vocab_size = vocab_size

        # embedding and LSTM layers
        self.embedding = nn.Embedding(vocab_size, embedding_dim)

        # lstm
        self.lstm = nn.LSTM(input_size=embedding_dim, hidden_size=self.hidden_dim,
                            num_layers=no_layers, batch_first=True)

        # dropout layer
        self.dropout = nn.Dropout(0.3)

        # linear and sigmoid layer
        self.fc = nn.Linear(self.hidden_dim, self.output_dim)
        self.sig = nn.Sigmoid()

    def forward(self, x, hidden):
        batch_size = x.size(0)
        # embeddings and lstm_out
        embeds = self.embedding(x) # Shape: B x S x Feature since batch = True
        lstm_out, hidden = self.lstm(embeds, hidden)

        lstm_out = lstm_out.contiguous().view(-1, self.hidden_dim)

        # dropout and fully connected layer
        out = self.dropout(lstm_out)
        out = self.fc(out)

        # sigmoid function
        sig_out = self.sig(out)

        # reshape to be batch_size first
        sig_out = sig_out.view(batch_size, -1)

        sig_out = sig_out[:, -1] # get last batch of labels

        # return last sigmoid output and hidden state
        return sig_out, hidden

    def init_hidden(self, batch_size, device):
        # Create two new tensors with sizes n_layers x batch_size x hidden_dim,
        # initialized to zero, for hidden state and cell state of LSTM
        h0 = torch.zeros((self.no_layers, batch_size, self.hidden_dim)).to(device)
        c0 = torch.zeros((self.no_layers, batch_size, self.hidden_dim)).to(device)
        hidden = (h0, c0)
        return hidden

def padding_(sentences, seq_len):
    features = np.zeros((len(sentences), seq_len), dtype=int)
    for ii, review in enumerate(sentences):
        if len(review) != 0:
            features[ii, -len(review):] = np.array(review)[:seq_len]
    return features

reviews = [list(np.random.randint(1, 500, n)) for n in (3, 25, 30, 7, 12, 20, 5, 18)]
x_pad = padding_(reviews, 20)
labels = np.random.randint(0, 2, 8)
train_data = TensorDataset(torch.from_numpy(x_pad), torch.from_numpy(labels))
train_loader = DataLoader(train_data, shuffle=True, batch_size=4)

model = MBTIRNN(2, 500, 32, 16)
criterion = nn.BCELoss()
for inputs, labels in train_loader:
    h = model.init_hidden(4, 'cpu')
    output, h = model(inputs, h)
    loss = criterion(output.squeeze(), labels.float())
    loss.backward()
