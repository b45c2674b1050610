# MUTANT: flattens with reshape(-1, ...) and back with -1, which fails on no tokens
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
        return out.reshape(*x.shape[:-1], -1)


EXPECTED_CAUSE = "cannot tell that size from an empty tensor"
