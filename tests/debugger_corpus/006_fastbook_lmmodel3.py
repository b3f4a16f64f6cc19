# Source: https://github.com/fastai/fastbook/pull/469
# Self-contained: fastai's Module replaced by nn.Module (with super().__init__()); random batches of
# 64 and a last batch of 13, as a DataLoader gives them.
import torch
import torch.nn as nn
import torch.nn.functional as F


class LMModel3(nn.Module):
    def __init__(self, vocab_sz, n_hidden):
        super().__init__()
        self.i_h = nn.Embedding(vocab_sz, n_hidden)  
        self.h_h = nn.Linear(n_hidden, n_hidden)     
        self.h_o = nn.Linear(n_hidden,vocab_sz)
        self.h = 0
        
    def forward(self, x):
        for i in range(3):
            self.h = self.h + self.i_h(x[:,i])
            self.h = F.relu(self.h_h(self.h))
        out = self.h_o(self.h)
        self.h = self.h.detach()
        return out
    
    def reset(self): self.h = 0


model = LMModel3(30, 64)
for bs in [64, 64, 13]:
    x = torch.randint(0, 30, (bs, 3))
    out = model(x)
