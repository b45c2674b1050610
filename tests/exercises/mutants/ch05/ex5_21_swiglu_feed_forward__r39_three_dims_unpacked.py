# MUTANT: forward unpacks b, t, d = x.shape, so a 2-D input fails
import torch.nn as nn
import torch.nn.functional as F


class SwiGLUFeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.fc1 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc2 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc3 = nn.Linear(cfg["hidden_dim"], cfg["emb_dim"], bias=False)

    def forward(self, x):
        b, t, d = x.shape
        flat = x.reshape(b * t, d)
        out = self.fc3(F.silu(self.fc1(flat)) * self.fc2(flat))
        return out.reshape(b, t, d)


EXPECTED_CAUSE = "forward assumes a 3-D input"
