# MUTANT: fc2 chained after fc1 (hidden_dim -> hidden_dim) instead of a second branch on x.
import torch.nn as nn
import torch.nn.functional as F


class SwiGLUFeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.fc1 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc2 = nn.Linear(cfg["hidden_dim"], cfg["hidden_dim"], bias=False)
        self.fc3 = nn.Linear(cfg["hidden_dim"], cfg["emb_dim"], bias=False)

    def forward(self, x):
        return self.fc3(self.fc2(F.silu(self.fc1(x))))


EXPECTED_CAUSE = "as if it came after fc1 in a chain"
