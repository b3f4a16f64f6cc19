# Source: https://github.com/FernandoLpz/Text-Classification-LSTMs-PyTorch/blob/master/main.py (with src/model.py)
# (issue: https://github.com/FernandoLpz/Text-Classification-LSTMs-PyTorch/issues/9)
# Whole script; self-contained: src/model.py pasted in place of `from src import SiameseNet`;
# PrepareData (tweets and their labels) replaced by a small class of 40 random strings of 140
# characters over 37 symbols and random 0/1 labels; the sklearn imports removed (not installed
# here; only prediction() uses roc_auc_score); 100 epochs -> 2.
import torch
import torch.nn as nn
import torch.optim as optim
import torch.nn.functional as F

import numpy as np
import random


class SiameseNet(nn.ModuleList):
   def __init__(self, **kwargs):
      super(SiameseNet, self).__init__()
      
      # init the meta parameters
      self.hidden_dim = kwargs['hidden_dim']
      self.batch_size = kwargs['batch_size']
      self.sequence_len = kwargs['sequence_len']
      self.vocab_size = kwargs['vocab_size']
      self.LSTM_layers = kwargs['LSTM_layers']
      
      self.lstm = nn.LSTM(input_size=self.vocab_size, 
                          hidden_size=self.hidden_dim, 
                          num_layers=self.LSTM_layers,
                          dropout=0.1)
      
      self.dropout = nn.Dropout(p=0.1)
      self.fc_1 = nn.Linear(in_features=self.hidden_dim, out_features=1)
      
   def forward(self, x, hc):
      out, hidden = self.lstm(x, hc)
      
      # We take the last output, we do not care the previous outputs
      out = out[-1, :, :]
      
      out = F.relu(self.fc_1(out))
      
      return out
   
   def init_hidden(self):
      return (torch.randn(self.LSTM_layers, self.batch_size, self.hidden_dim, requires_grad=True), 
              torch.randn(self.LSTM_layers, self.batch_size, self.hidden_dim, requires_grad=True))


class PrepareData:
   def __init__(self):
      symbols = 'abcdefghijklmnopqrstuvwxyz0123456789 '
      self.dict_one_hot = {c: i for i, c in enumerate(symbols)}
      self.dictionary = None
      self.x_train = [''.join(random.choice(symbols) for _ in range(140)) for _ in range(40)]
      self.x_test = [''.join(random.choice(symbols) for _ in range(140)) for _ in range(20)]
      self.y_train = np.random.randint(0, 2, 40).astype(np.float64)
      self.y_test = np.random.randint(0, 2, 20).astype(np.float64)


class ExecuteModel:
   def __init__(self, data):
      
      self.x_train = data.x_train
      self.x_test = data.x_test
      self.y_train = data.y_train
      self.y_test = data.y_test
      
      self.dictionary = data.dictionary
      self.dict_one_hot = data.dict_one_hot
      
      self.seq_len = 140
      self.hidden_dim = 64
      self.char_embedding_size = 37
      self.batch_size = 16
      self.LSTM_layers = 10
      
   def char_to_one_hot(self, sentences):
      sentence_embedded = np.zeros((self.batch_size, self.seq_len, self.char_embedding_size))
      
      i = 0
      for sentence in sentences:
         j = 0
         for char in sentence:
            sentence_embedded[i][j][self.dict_one_hot[char]] = 1
            j+=1
         i+=1
         
      return sentence_embedded
   
   def init_train(self):
   
      self.net = SiameseNet(sequence_len=self.seq_len, 
                            vocab_size=self.char_embedding_size, 
                            hidden_dim=self.hidden_dim, 
                            batch_size=self.batch_size,
                            LSTM_layers=self.LSTM_layers)

      optimizer = optim.Adam(self.net.parameters(), lr=0.01)
      
      for epoch in range(2):
         self.net.train()
         
         hc = self.net.init_hidden()
         
         for i in range(int(len(self.x_train)/self.batch_size)):
            
            x = self.char_to_one_hot(self.x_train[i*self.batch_size:(i+1)*self.batch_size])
            x = np.reshape(x, (x.shape[1], self.batch_size, x.shape[2]))
            
            x = torch.from_numpy(x).type(torch.FloatTensor)
            y = torch.from_numpy(self.y_train[i*self.batch_size:(i+1)*self.batch_size]).type(torch.FloatTensor)
            
            optimizer.zero_grad()
            
            output = self.net(x, hc)

            loss = F.binary_cross_entropy(output, y)
            
            loss.backward()
         
            optimizer.step()


if __name__ == "__main__":
   
   data = PrepareData()
   
   exeModel = ExecuteModel(data)   
   exeModel.init_train()
