# MUTANT: tokens flattened with x.flatten(0, -2), which fails on a 1-D input (a single token
# vector)
import torch.nn as nn
import torch.nn.functional as F


class SwiGLUFeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.fc1 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc2 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc3 = nn.Linear(cfg["hidden_dim"], cfg["emb_dim"], bias=False)

    def forward(self, x):
        flat = x.flatten(0, -2)
        out = self.fc3(F.silu(self.fc1(flat)) * self.fc2(flat))
        return out.unflatten(0, x.shape[:-1])


EXPECTED_CAUSE = "a single vector, (emb_dim,), with no batch or token axis"
