# MUTANT: forward calls self.to(x.dtype) "so the weights match the input": one float64 input
# turns a float32 layer's weights into float64 for good
import torch.nn as nn
import torch.nn.functional as F


class SwiGLUFeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.fc1 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc2 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc3 = nn.Linear(cfg["hidden_dim"], cfg["emb_dim"], bias=False)

    def forward(self, x):
        self.to(x.dtype)
        return self.fc3(F.silu(self.fc1(x)) * self.fc2(x))


EXPECTED_CAUSE = "forward converts the layer itself"
