# MUTANT: every parameter frozen after construction (a loop over self.parameters() setting
# requires_grad = False, as when fine-tuning only other layers): no layer ever trains
import torch.nn as nn
import torch.nn.functional as F

EXPECTED_CAUSE = "do not require grad: fc1.weight, fc2.weight, fc3.weight"


class SwiGLUFeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.fc1 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc2 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc3 = nn.Linear(cfg["hidden_dim"], cfg["emb_dim"], bias=False)
        for p in self.parameters():
            p.requires_grad = False

    def forward(self, x):
        return self.fc3(F.silu(self.fc1(x)) * self.fc2(x))
