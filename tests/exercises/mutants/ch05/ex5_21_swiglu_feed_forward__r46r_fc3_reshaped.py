# MUTANT: fc3 applied by hand with its weight reshaped to (hidden_dim, emb_dim), a reshape
# where a transpose was meant, so the product meets scrambled weights.
import torch.nn as nn
import torch.nn.functional as F


class SwiGLUFeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.fc1 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc2 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc3 = nn.Linear(cfg["hidden_dim"], cfg["emb_dim"], bias=False)

    def forward(self, x):
        h = F.silu(self.fc1(x)) * self.fc2(x)
        hidden, emb = self.fc3.in_features, self.fc3.out_features
        return h @ self.fc3.weight.reshape(hidden, emb)


EXPECTED_CAUSE = "fc3's weight is reshaped to (in_features, out_features)"
