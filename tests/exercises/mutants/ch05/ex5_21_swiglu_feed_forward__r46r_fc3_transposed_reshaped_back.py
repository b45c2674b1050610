# MUTANT: fc3's weight transposed and reshaped back to its own shape before F.linear
# (W.T.reshape(W.shape)): the values land in the wrong places, yet every weight still scales
# the output linearly, so only a read-back of fc3's layout names it.
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
        w = self.fc3.weight
        return F.linear(h, w.T.reshape(w.shape))


EXPECTED_CAUSE = "fc3 reads its weight in another layout"
