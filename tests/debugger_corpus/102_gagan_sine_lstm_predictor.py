# Source: https://github.com/Gagancreates/Deep-Learning-Implementation/blob/main/basic_LSTM.ipynb
# The notebook's first two code cells (data, model), unchanged; its training cell is not included:
# instead the model is applied once, at the end, to the first 32 windows as the notebook's comments
# describe them, (32, 50) -> (32, 50, 1).
# step1 - generating the data

import numpy as np
import torch

x=np.linspace(0, 100, 1000)  # divide the interval between 0 and 100 into 1000 equal parts
data=np.sin(x)               # here np.sin() expects radians

# creatiing the sequence, input seq -> target sequence
def create_seq(data, seq_len):
    xs, ys=[], []   # creating multiple inp, target sequences from a single dataset
    for i in range(len(data)-seq_len):
        x=data[i:i+seq_len]   # seq of values
        y=data[i+seq_len]   #next single value
        xs.append(x)
        ys.append(y)
    return np.array(xs), np.array(ys)

x, y = create_seq(data, 50)
# print(len(x), y)

import torch.nn as nn

class LSTMPredictor(nn.Module):
    def __init__(self, input_size=1, hidden_size=64, num_layers=1, output_size=1):
        super().__init__()
        self.hidden_size=hidden_size
        self.num_layers=num_layers

        #lstm layer
        self.lstm=nn.LSTM(input_size, hidden_size, num_layers, batch_first=True)
        #fc layer to get the output
        self.fc=nn.Linear(hidden_size, output_size)

    def forward(self, x):
        # x is our input, shape: (batch_size, seq_len, input_size)
        lstm_out, _ =self.lstm(x)     # lstm output is h_t( hidden state ) lstm_out shape: (32, 50, hidden_size=64)
                                      # This is h_1, h_2, ..., h_50 for each sample
        lstm_last_out = lstm_out[:, -1, :]     # extract only h_50 ( 32, 64)
        prediction = self.fc(lstm_last_out)    # we make pred, y= w.h_50 + b
        return prediction

model = LSTMPredictor()
batch = torch.from_numpy(x[:32]).unsqueeze(-1)
prediction = model(batch)
