# MUTANT: Swish with a learned beta parameter, an extra weight Llama's SiLU has not
import torch
import torch.nn as nn
import torch.nn.functional as F


class SwiGLUFeedForward(nn.Module):

    def __init__(self, cfg):
        super().__init__()
        self.fc1 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc2 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc3 = nn.Linear(cfg["hidden_dim"], cfg["emb_dim"], bias=False)

        self.beta = nn.Parameter(torch.ones(1))

    def forward(self, x):
        h = self.fc1(x)
        return self.fc3(h * torch.sigmoid(self.beta * h) * self.fc2(x))


EXPECTED_CAUSE = "looks like Swish's learned beta"
