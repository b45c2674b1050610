# MUTANT: an RMSNorm-like layer with a learned scale applied to x inside the feed-forward
import torch
import torch.nn as nn
import torch.nn.functional as F

EXPECTED_CAUSE = "as a norm layer does"


class _Norm(nn.Module):
    def __init__(self, emb_dim):
        super().__init__()
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        return self.scale * x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + 1e-6)


class SwiGLUFeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.norm = _Norm(cfg["emb_dim"])
        self.fc1 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc2 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc3 = nn.Linear(cfg["hidden_dim"], cfg["emb_dim"], bias=False)

    def forward(self, x):
        x = self.norm(x)
        return self.fc3(F.silu(self.fc1(x)) * self.fc2(x))
