# MUTANT: the first config's hidden size is kept in a global and reused by later modules
import torch.nn as nn
import torch.nn.functional as F

EXPECTED_CAUSE = "Your code keeps state between calls"


HIDDEN = None


class SwiGLUFeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        global HIDDEN
        if HIDDEN is None:
            HIDDEN = cfg["hidden_dim"]
        self.fc1 = nn.Linear(cfg["emb_dim"], HIDDEN, bias=False)
        self.fc2 = nn.Linear(cfg["emb_dim"], HIDDEN, bias=False)
        self.fc3 = nn.Linear(HIDDEN, cfg["emb_dim"], bias=False)

    def forward(self, x):
        return self.fc3(F.silu(self.fc1(x)) * self.fc2(x))
