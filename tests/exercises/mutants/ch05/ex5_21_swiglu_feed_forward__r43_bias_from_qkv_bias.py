# MUTANT: the layers' bias follows cfg.get("qkv_bias") (True in a GPT-2 style config)
import torch.nn as nn
import torch.nn.functional as F

EXPECTED_CAUSE = "the biases follow cfg['qkv_bias']"


class SwiGLUFeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        bias = cfg.get("qkv_bias", False)
        self.fc1 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=bias)
        self.fc2 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=bias)
        self.fc3 = nn.Linear(cfg["hidden_dim"], cfg["emb_dim"], bias=bias)

    def forward(self, x):
        return self.fc3(F.silu(self.fc1(x)) * self.fc2(x))
