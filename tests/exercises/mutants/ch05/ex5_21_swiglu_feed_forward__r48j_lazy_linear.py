# MUTANT: fc1 and fc2 built as nn.LazyLinear(hidden_dim), their input width left to the first
# forward: the new layer has uninitialised weights of no shape
import torch.nn as nn
import torch.nn.functional as F

EXPECTED_CAUSE = "not initialised (nn.lazylinear?)"


class SwiGLUFeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.fc1 = nn.LazyLinear(cfg["hidden_dim"], bias=False)
        self.fc2 = nn.LazyLinear(cfg["hidden_dim"], bias=False)
        self.fc3 = nn.Linear(cfg["hidden_dim"], cfg["emb_dim"], bias=False)

    def forward(self, x):
        return self.fc3(F.silu(self.fc1(x)) * self.fc2(x))
