# MUTANT: the gate's SiLU runs in float32 for half types and is cast back to a fixed float16
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
        gate = self.fc1(x)
        if gate.dtype in (torch.float16, torch.bfloat16):
            gate = F.silu(gate.float()).to(torch.float16)  # silu in float32 for half types
        else:
            gate = F.silu(gate)
        return self.fc3(gate * self.fc2(x))


EXPECTED_CAUSE = "a dtype is fixed in the code for half types"
