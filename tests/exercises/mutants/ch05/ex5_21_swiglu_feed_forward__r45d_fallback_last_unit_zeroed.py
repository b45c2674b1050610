# MUTANT: the last hidden unit of the product replaced by 0 before fc3; the one-unit fc2 probe
# says that unit adds nothing.
import torch
import torch.nn as nn


class SwiGLUFeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.fc1 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc2 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc3 = nn.Linear(cfg["hidden_dim"], cfg["emb_dim"], bias=False)

    def forward(self, x):
        h = torch.nn.functional.silu(self.fc1(x)) * self.fc2(x)
        return self.fc3(torch.cat((h[..., :-1], torch.zeros_like(h[..., -1:])), -1))


EXPECTED_CAUSE = "hidden unit 19 adds nothing to your output"
