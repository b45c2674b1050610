# MUTANT: the three layers are created inside forward (new random weights each call).
import torch.nn as nn
import torch.nn.functional as F


class SwiGLUFeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.cfg = cfg

    def forward(self, x):
        emb, hidden = self.cfg["emb_dim"], self.cfg["hidden_dim"]
        fc1 = nn.Linear(emb, hidden, bias=False)
        fc2 = nn.Linear(emb, hidden, bias=False)
        fc3 = nn.Linear(hidden, emb, bias=False)
        return fc3(F.silu(fc1(x)) * fc2(x))


EXPECTED_CAUSE = "holds no weights at all"
