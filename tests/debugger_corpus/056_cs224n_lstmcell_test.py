# Source: https://github.com/HaCongNga/NLP_StanfordCourses_CS224n/blob/main/a4/a4_coding/test.py
# Unchanged.
import torch
import torch.nn as nn
rnn = nn.LSTMCell(10, 20)  # (input_size, hidden_size)
input = torch.randn(2, 3, 10)  # (time_steps, batch, input_size)
print(input)
hx = torch.randn(3, 20)  # (batch, hidden_size)
cx = torch.randn(3, 20)
output = []
for i in range(input.size()[0]):
    hx, cx = rnn(input[i], (hx, cx))
    output.append(hx)
output = torch.stack(output, dim=0)
print(output)
