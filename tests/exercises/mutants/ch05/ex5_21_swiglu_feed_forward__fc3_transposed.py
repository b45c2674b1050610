# Mutant: fc3 declared as Linear(emb_dim, hidden_dim) (in/out swapped)
import torch.nn as nn
import torch.nn.functional as F


class SwiGLUFeedForward(nn.Module):

    def __init__(self, cfg):
        super().__init__()
        self.fc1 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc2 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc3 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)

    def forward(self, x):
        return self.fc3(F.silu(self.fc1(x)) * self.fc2(x))


EXPECTED_CAUSE = 'fc3 maps hidden_dim back'
