# MUTANT: fc2's weight frozen in __init__ (requires_grad_(False)): the outputs are right,
# but training never updates the up projection
import torch.nn as nn
import torch.nn.functional as F

EXPECTED_CAUSE = "do not require grad: fc2.weight"


class SwiGLUFeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.fc1 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc2 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc3 = nn.Linear(cfg["hidden_dim"], cfg["emb_dim"], bias=False)
        self.fc2.weight.requires_grad_(False)

    def forward(self, x):
        return self.fc3(F.silu(self.fc1(x)) * self.fc2(x))
