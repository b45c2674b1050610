# MUTANT: the product is written into fc2's output in place (up *= gate), then the gate
# instead of that product goes to fc3: the output is fc3(silu(fc1(x))), fc2 unused
import torch.nn as nn
import torch.nn.functional as F

EXPECTED_CAUSE = "fc2's branch is missing from the product"


class SwiGLUFeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.fc1 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc2 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc3 = nn.Linear(cfg["hidden_dim"], cfg["emb_dim"], bias=False)

    def forward(self, x):
        up = self.fc2(x)
        gate = F.silu(self.fc1(x))
        up *= gate
        return self.fc3(gate)
