# MUTANT: dropout at cfg["drop_rate"] on the product (a GPT-2 habit): Llama's feed-forward has
# none, and a GPT-2 style config holds drop_rate = 0.1.
import torch.nn as nn
import torch.nn.functional as F


class SwiGLUFeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.fc1 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc2 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc3 = nn.Linear(cfg["hidden_dim"], cfg["emb_dim"], bias=False)
        self.drop = nn.Dropout(cfg.get("drop_rate", 0.0))

    def forward(self, x):
        return self.fc3(self.drop(F.silu(self.fc1(x)) * self.fc2(x)))


EXPECTED_CAUSE = "the config's drop_rate"
