# Source: https://github.com/pytorch/pytorch/issues/2674
# Self-contained: the constants given small values; the forward after the comment "init hidden"
# (cut in the thread) written as the comments describe it: zero states sized by _batch_size.
import torch
import torch.nn as nn
from torch.autograd import Variable

MAXFEATURES = 100
EMBEDSIZE = 12
NUMHIDDEN = 10


class SymbolModule(nn.Module):
    # MINIBATCH in: [64, 150]
    # LABEL: [64]
    def __init__(self):
        super(SymbolModule, self).__init__()
        # Output: (mini-batch, W, embedding_dim)
        self.embedding = nn.Embedding(num_embeddings=MAXFEATURES,
                                      embedding_dim=EMBEDSIZE)
        self.lstm = nn.LSTM(input_size=EMBEDSIZE, 
                            hidden_size=NUMHIDDEN)
        self.l_out = nn.Linear(NUMHIDDEN, 2)

    def forward(self, x):
        embeds = self.embedding(x)
        #print(embeds.size(0), embeds.size(1), embeds.size(2))
        # (64, 150, 125)
        _batch_size = embeds.size(1)  # 150
        # init hidden
        h0 = Variable(torch.zeros(1, _batch_size, NUMHIDDEN))
        c0 = Variable(torch.zeros(1, _batch_size, NUMHIDDEN))
        lstm_out, (hn, cn) = self.lstm(embeds, (h0, c0))
        return self.l_out(hn[-1])


sym = SymbolModule()
out = sym(torch.randint(0, MAXFEATURES, (64, 15)))
loss = nn.CrossEntropyLoss()(out, torch.randint(0, 2, (64,)))
