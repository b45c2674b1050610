# MUTANT: self.act = nn.SiLU (the class, no parentheses), so self.act(h) builds a module.
import torch.nn as nn


class SwiGLUFeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.fc1 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc2 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc3 = nn.Linear(cfg["hidden_dim"], cfg["emb_dim"], bias=False)
        self.act = nn.SiLU

    def forward(self, x):
        return self.fc3(self.act(self.fc1(x)) * self.fc2(x))


EXPECTED_CAUSE = "holds the class nn.SiLU"
