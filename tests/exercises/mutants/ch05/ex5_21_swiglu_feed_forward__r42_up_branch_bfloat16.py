# MUTANT: the up branch fc2(x) is rounded through bfloat16 before the product
import torch
import torch.nn as nn
import torch.nn.functional as F


class SwiGLUFeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.fc1 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc2 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc3 = nn.Linear(cfg["hidden_dim"], cfg["emb_dim"], bias=False)

    def forward(self, x):
        up = self.fc2(x).to(torch.bfloat16).to(x.dtype)
        return self.fc3(F.silu(self.fc1(x)) * up)


EXPECTED_CAUSE = "fc2(x), the up branch, is rounded to bfloat16"
