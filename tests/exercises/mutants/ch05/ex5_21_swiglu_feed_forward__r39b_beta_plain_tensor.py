# MUTANT: Swish's beta kept as a plain tensor attribute, not a buffer: .to(device) leaves it behind.
import torch
import torch.nn as nn

EXPECTED_CAUSE = 'kept on the layer as a plain attribute'


class SwiGLUFeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.fc1 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc2 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc3 = nn.Linear(cfg["hidden_dim"], cfg["emb_dim"], bias=False)
        self.beta = torch.ones(cfg["hidden_dim"])

    def forward(self, x):
        h = self.fc1(x)
        return self.fc3(h * torch.sigmoid(self.beta * h) * self.fc2(x))
