# MUTANT: layers cached per (emb_dim, hidden_dim) at module level: modules share weights
import torch.nn as nn
import torch.nn.functional as F

EXPECTED_CAUSE = "modules share the parameters"


_LAYERS = {}


class SwiGLUFeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        key = (cfg["emb_dim"], cfg["hidden_dim"])
        if key not in _LAYERS:
            _LAYERS[key] = (nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False),
                            nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False),
                            nn.Linear(cfg["hidden_dim"], cfg["emb_dim"], bias=False))
        self.fc1, self.fc2, self.fc3 = _LAYERS[key]

    def forward(self, x):
        return self.fc3(F.silu(self.fc1(x)) * self.fc2(x))
