# MUTANT: the product halved in eval mode only (a hand-written dropout rescale in the wrong
# mode); no replay names it: the fallback says the output depends on self.training.
import torch.nn as nn
import torch.nn.functional as F


class SwiGLUFeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.fc1 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc2 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc3 = nn.Linear(cfg["hidden_dim"], cfg["emb_dim"], bias=False)

    def forward(self, x):
        h = F.silu(self.fc1(x)) * self.fc2(x)
        if not self.training:
            h = h * 0.5
        return self.fc3(h)


EXPECTED_CAUSE = "forward depends on self.training"
