# MUTANT: outputs cached on the layer by the input's id (stale after an optimizer step)
import torch.nn as nn
import torch.nn.functional as F

EXPECTED_CAUSE = "after its weights changed in place"


class SwiGLUFeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.fc1 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc2 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc3 = nn.Linear(cfg["hidden_dim"], cfg["emb_dim"], bias=False)
        self._seen = {}

    def forward(self, x):
        key = id(x)
        if key not in self._seen:  # the input is kept too, so its id is never reused
            self._seen[key] = (x, self.fc3(F.silu(self.fc1(x)) * self.fc2(x)))
        return self._seen[key][1]
