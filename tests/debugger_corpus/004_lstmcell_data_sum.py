# Source: https://github.com/salesforce/awd-lstm-lm/issues/95
# Self-contained: the WeightDrop wrapper and .cuda() removed; the state passed as (h, c) as the answer says.
import torch
import torch.nn as nn

lstm = nn.LSTMCell(256,512)
x = torch.randn(1,256)
h = torch.randn(1,512)
c = torch.randn(1,512)
print('Testing WeightDrop with LSTM')
run1 = [x.sum() for x in lstm(x, (h, c))[0].data]
