# MUTANT: the SiLU gate applied only in training mode (an `if self.training:` around it): in eval
# mode fc1(x) multiplies fc2(x) directly.
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
        if self.training:
            h = F.silu(h)
        return self.fc3(h * self.fc2(x))


EXPECTED_CAUSE = "the SiLU is applied only in training mode"
