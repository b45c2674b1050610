# MUTANT: transposed weights cached in __init__, stale after .double()
import torch.nn as nn
import torch.nn.functional as F

EXPECTED_CAUSE = "plain tensor(s) kept on the layer since __init__"


class SwiGLUFeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.fc1 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc2 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc3 = nn.Linear(cfg["hidden_dim"], cfg["emb_dim"], bias=False)
        self._w1t, self._w2t, self._w3t = self.fc1.weight.T, self.fc2.weight.T, self.fc3.weight.T

    def forward(self, x):
        gate = F.silu(x @ self._w1t)
        return (gate * (x @ self._w2t)) @ self._w3t

