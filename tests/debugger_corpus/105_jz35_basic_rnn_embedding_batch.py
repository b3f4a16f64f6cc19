# Source: https://github.com/jz35/torch_learning/blob/main/torch11_basic_RNN_05.py
# Whole script, unchanged (it needs no data).
import torch

num_class = 4
input_size = 4
hidden_size = 8
embedding_size = 10
num_layers = 2
batch_size = 1
seq_len = 5

idx2char = ['e', 'h', 'l', 'o']
x_data = [1, 0, 2, 2, 3]
y_data = [3, 1, 2, 3, 2]

# 增加 batch 维度
inputs = torch.LongTensor(x_data).unsqueeze(0)   # shape: (1, 5)
labels = torch.LongTensor(y_data).unsqueeze(0)   # shape: (1, 5)

class Model(torch.nn.Module):
    def __init__(self):
        super(Model, self).__init__()
        self.emb = torch.nn.Embedding(input_size, embedding_size)
        self.rnn = torch.nn.RNN(input_size=embedding_size,
                                hidden_size=hidden_size,
                                num_layers=num_layers,
                                batch_first=True)
        self.fc = torch.nn.Linear(hidden_size, num_class)

    def forward(self, x):
        batch_size = x.size(0)
        hidden = torch.zeros(num_layers, batch_size, hidden_size)
        x = self.emb(x)
        x, _ = self.rnn(x, hidden)
        x = self.fc(x)
        return x.view(-1, num_class)  # (batch_size * seq_len, num_class)

net = Model()

criterion = torch.nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(net.parameters(), lr=0.1)

for epoch in range(15):
    optimizer.zero_grad()
    outputs = net(inputs)
    loss = criterion(outputs, labels.view(-1))
    loss.backward()
    optimizer.step()

    _, idx = outputs.max(dim=1)
    idx = idx.data.numpy()
    print('predicted : ', ' '.join([idx2char[x] for x in idx]), end=' ')
    print(', epoch [%d/15] loss = %.3f' % (epoch + 1, loss.item()))
