# MUTANT: the constructor's parameter cfg renamed config (Hugging Face's name), so
# SwiGLUFeedForward(cfg=...) fails
import torch.nn as nn
import torch.nn.functional as F

EXPECTED_CAUSE = "keep the parameter names of the docstring"


class SwiGLUFeedForward(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.fc1 = nn.Linear(config["emb_dim"], config["hidden_dim"], bias=False)
        self.fc2 = nn.Linear(config["emb_dim"], config["hidden_dim"], bias=False)
        self.fc3 = nn.Linear(config["hidden_dim"], config["emb_dim"], bias=False)

    def forward(self, x):
        return self.fc3(F.silu(self.fc1(x)) * self.fc2(x))
