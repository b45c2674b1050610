# MUTANT: hidden size from Llama's 8/3 rule (emb_dim * 4 // 3 * 2) instead of cfg['hidden_dim'].
import torch.nn as nn
import torch.nn.functional as F


class SwiGLUFeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        hidden = cfg["emb_dim"] * 4 // 3 * 2
        self.fc1 = nn.Linear(cfg["emb_dim"], hidden, bias=False)
        self.fc2 = nn.Linear(cfg["emb_dim"], hidden, bias=False)
        self.fc3 = nn.Linear(hidden, cfg["emb_dim"], bias=False)

    def forward(self, x):
        return self.fc3(F.silu(self.fc1(x)) * self.fc2(x))


EXPECTED_CAUSE = "hidden size of 32, not cfg['hidden_dim'] = 16"
