# MUTANT: h.sigmoid_() changes h in place, so h.sigmoid_() * h is sigmoid(h) squared, not SiLU
import torch.nn as nn

EXPECTED_CAUSE = "overwrote h before h multiplied it"


class SwiGLUFeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.fc1 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc2 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc3 = nn.Linear(cfg["hidden_dim"], cfg["emb_dim"], bias=False)

    def forward(self, x):
        h = self.fc1(x)
        gate = h.sigmoid_() * h
        return self.fc3(gate * self.fc2(x))
