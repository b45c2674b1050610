# MUTANT: each weight's .data cast to the input's dtype inside forward when they differ: the
# layer's weights change dtype for good after one input of another dtype
import torch.nn as nn
import torch.nn.functional as F


class SwiGLUFeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.fc1 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc2 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc3 = nn.Linear(cfg["hidden_dim"], cfg["emb_dim"], bias=False)

    def forward(self, x):
        for layer in (self.fc1, self.fc2, self.fc3):
            if layer.weight.dtype != x.dtype:
                layer.weight.data = layer.weight.data.to(x.dtype)
        gate = F.silu(self.fc1(x))
        return self.fc3(gate * self.fc2(x))


EXPECTED_CAUSE = "forward converts the layer itself"
