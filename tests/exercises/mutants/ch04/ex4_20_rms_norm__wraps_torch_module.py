# MUTANT: wraps torch's nn.RMSNorm, so the parameter is norm.weight, not scale.
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.norm = nn.RMSNorm(emb_dim, eps=eps)

    def forward(self, x):
        return self.norm(x)


EXPECTED_CAUSE = "wraps torch's RMSNorm"
