# MUTANT: forward runs under torch.autocast(bfloat16), so a float32 input comes back as a
# rounded bfloat16 output; the replay under autocast names it.
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
        with torch.autocast(x.device.type, dtype=torch.bfloat16):
            return self.fc3(F.silu(self.fc1(x)) * self.fc2(x))

EXPECTED_CAUSE = "forward runs in an autocast context"
