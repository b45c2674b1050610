# MUTANT: the input is flattened to 2-D and the output reshaped with x.shape[:2], so an input with
#   more than 3 dims (e.g. 4-D) comes back with its last dims merged
import torch.nn as nn
import torch.nn.functional as F


class SwiGLUFeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.fc1 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc2 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc3 = nn.Linear(cfg["hidden_dim"], cfg["emb_dim"], bias=False)

    def forward(self, x):
        flat = x.reshape(-1, x.shape[-1])
        out = self.fc3(F.silu(self.fc1(flat)) * self.fc2(flat))
        if x.dim() == 2:
            return out
        return out.reshape(*x.shape[:2], -1)
EXPECTED_CAUSE = "reshaped to sizes read from a fixed number"
