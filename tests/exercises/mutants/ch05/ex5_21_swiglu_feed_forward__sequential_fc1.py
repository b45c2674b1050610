# Mutant: fc1 is nn.Sequential(Linear, SiLU).
import torch.nn as nn


class SwiGLUFeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        gate = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc1 = nn.Sequential(gate, nn.SiLU())
        self.fc2 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc3 = nn.Linear(cfg["hidden_dim"], cfg["emb_dim"], bias=False)

    def forward(self, x):
        return self.fc3(self.fc1(x) * self.fc2(x))


EXPECTED_CAUSE = "sits one level down"
