# MUTANT: the layers' weights multiplied without .T (x @ weight)
import torch.nn as nn
import torch.nn.functional as F


class SwiGLUFeedForward(nn.Module):

    def __init__(self, cfg):
        super().__init__()
        self.fc1 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc2 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc3 = nn.Linear(cfg["hidden_dim"], cfg["emb_dim"], bias=False)

    def forward(self, x):
        h = F.silu(x @ self.fc1.weight) * (x @ self.fc2.weight)
        return h @ self.fc3.weight


EXPECTED_CAUSE = "the weights are used without .T"
