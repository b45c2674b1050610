# MUTANT: cfg["hidden_dim"] rounded up to a multiple of 16 (Llama 2's multiple_of), not used as is
import torch.nn as nn
import torch.nn.functional as F

EXPECTED_CAUSE = "rounded up to a multiple of 16"


class SwiGLUFeedForward(nn.Module):
    def __init__(self, cfg, multiple_of=16):
        super().__init__()
        hidden = multiple_of * ((cfg["hidden_dim"] + multiple_of - 1) // multiple_of)
        self.fc1 = nn.Linear(cfg["emb_dim"], hidden, bias=False)
        self.fc2 = nn.Linear(cfg["emb_dim"], hidden, bias=False)
        self.fc3 = nn.Linear(hidden, cfg["emb_dim"], bias=False)

    def forward(self, x):
        return self.fc3(F.silu(self.fc1(x)) * self.fc2(x))
