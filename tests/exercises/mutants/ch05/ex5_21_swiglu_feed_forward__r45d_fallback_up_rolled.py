# MUTANT: the up branch rolled by one hidden unit before the product (fc2's unit j meets gate
# unit j + 1); no replay of a known mistake matches: the one-unit fc2 probe names the pairing.
import torch
import torch.nn as nn


class SwiGLUFeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.fc1 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc2 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc3 = nn.Linear(cfg["hidden_dim"], cfg["emb_dim"], bias=False)

    def forward(self, x):
        h = torch.nn.functional.silu(self.fc1(x)) * self.fc2(x).roll(1, dims=-1)
        return self.fc3(h)


EXPECTED_CAUSE = "shifted or reordered on one branch"
