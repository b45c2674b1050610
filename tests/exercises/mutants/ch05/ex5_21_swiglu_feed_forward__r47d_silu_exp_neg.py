# MUTANT: SiLU written by hand as h / (1 + exp(-h)): the forward is right everywhere (h / inf =
# -0 where exp(-h) overflows), but for gates below about -88 the gradient is 0 * inf = NaN
import torch
import torch.nn as nn


class SwiGLUFeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.fc1 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc2 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc3 = nn.Linear(cfg["hidden_dim"], cfg["emb_dim"], bias=False)

    def forward(self, x):
        gate = self.fc1(x)
        return self.fc3(gate / (1 + torch.exp(-gate)) * self.fc2(x))


EXPECTED_CAUSE = "exp(-h) overflows float32 for gates below about -88"
