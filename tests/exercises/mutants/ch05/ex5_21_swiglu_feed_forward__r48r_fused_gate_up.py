# MUTANT: gate and up projections fused into one fc1 of 2 * hidden_dim rows (no fc2)
import torch.nn as nn
import torch.nn.functional as F


class SwiGLUFeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        # gate and up projections fused into one layer
        self.fc1 = nn.Linear(cfg["emb_dim"], 2 * cfg["hidden_dim"], bias=False)
        self.fc3 = nn.Linear(cfg["hidden_dim"], cfg["emb_dim"], bias=False)

    def forward(self, x):
        gate, up = self.fc1(x).chunk(2, dim=-1)
        return self.fc3(F.silu(gate) * up)


EXPECTED_CAUSE = "gate and up projections are fused"
