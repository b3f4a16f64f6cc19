# Source: https://github.com/pytorch/pytorch/issues/86576
# Unchanged.
import torch
layer1 = torch.nn.LSTM(10,20,batch_first=True)
layer1(torch.zeros((5,100,10,10)))[0].shape
