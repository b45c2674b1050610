# Mutant: Hugging Face names gate_proj/up_proj/down_proj instead of fc1/fc2/fc3
import torch.nn as nn
import torch.nn.functional as F


class SwiGLUFeedForward(nn.Module):

    def __init__(self, cfg):
        super().__init__()
        self.gate_proj = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.up_proj = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.down_proj = nn.Linear(cfg["hidden_dim"], cfg["emb_dim"], bias=False)

    def forward(self, x):
        return self.down_proj(F.silu(self.gate_proj(x)) * self.up_proj(x))


EXPECTED_CAUSE = 'named fc1, fc2 and fc3'
