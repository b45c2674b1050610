# MUTANT: fc1's output zeroed in place (h.mul_(0)) once the gate h * sigmoid(h) is computed:
# the values are right, but backward needs h
import torch.nn as nn

EXPECTED_CAUSE = "changed that tensor in place"


class SwiGLUFeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.fc1 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc2 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc3 = nn.Linear(cfg["hidden_dim"], cfg["emb_dim"], bias=False)

    def forward(self, x):
        h = self.fc1(x)
        gate = h * h.sigmoid()
        h.mul_(0)  # free the pre-activation (saves memory)
        return self.fc3(gate * self.fc2(x))
