# MUTANT: gate silu(h) + 0.1 * tanh(h) (no named replay: the fallback reads the activation back)
import torch.nn as nn
import torch.nn.functional as F


class SwiGLUFeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.fc1 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc2 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc3 = nn.Linear(cfg["hidden_dim"], cfg["emb_dim"], bias=False)

    def forward(self, x):
        h = self.fc1(x)
        return self.fc3((F.silu(h) + 0.1 * h.tanh()) * self.fc2(x))


EXPECTED_CAUSE = "your activation gives -0.2418, -0.2095, 2.957"
