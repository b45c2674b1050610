# MUTANT: hidden_dim read with cfg.pop, which removes it from the caller's cfg.
import torch.nn as nn
import torch.nn.functional as F


class SwiGLUFeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        hidden = cfg.pop("hidden_dim")
        self.fc1 = nn.Linear(cfg["emb_dim"], hidden, bias=False)
        self.fc2 = nn.Linear(cfg["emb_dim"], hidden, bias=False)
        self.fc3 = nn.Linear(hidden, cfg["emb_dim"], bias=False)

    def forward(self, x):
        return self.fc3(F.silu(self.fc1(x)) * self.fc2(x))


EXPECTED_CAUSE = "removed 'hidden_dim': cfg.pop(...)?"
