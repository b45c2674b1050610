# MUTANT: the first config's hidden_dim kept as a class attribute for later layers
import torch.nn as nn
import torch.nn.functional as F


class SwiGLUFeedForward(nn.Module):

    def __init__(self, cfg):
        super().__init__()
        if not hasattr(SwiGLUFeedForward, "HIDDEN"):
            SwiGLUFeedForward.HIDDEN = cfg["hidden_dim"]
        h = SwiGLUFeedForward.HIDDEN
        self.fc1 = nn.Linear(cfg["emb_dim"], h, bias=False)
        self.fc2 = nn.Linear(cfg["emb_dim"], h, bias=False)
        self.fc3 = nn.Linear(h, cfg["emb_dim"], bias=False)

    def forward(self, x):
        return self.fc3(F.silu(self.fc1(x)) * self.fc2(x))


EXPECTED_CAUSE = "keeps state between calls"
