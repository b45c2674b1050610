# MUTANT: the layers are created in bfloat16, the book's Llama dtype, fixed in the code.
import torch
import torch.nn as nn
import torch.nn.functional as F


class SwiGLUFeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        emb, hidden = cfg["emb_dim"], cfg["hidden_dim"]
        self.fc1 = nn.Linear(emb, hidden, bias=False, dtype=torch.bfloat16)
        self.fc2 = nn.Linear(emb, hidden, bias=False, dtype=torch.bfloat16)
        self.fc3 = nn.Linear(hidden, emb, bias=False, dtype=torch.bfloat16)

    def forward(self, x):
        return self.fc3(F.silu(self.fc1(x)) * self.fc2(x))


EXPECTED_CAUSE = "holds torch.bfloat16 weights"
