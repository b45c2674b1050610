# MUTANT: layers made with device=cfg.get('device', 'cpu'), overriding the caller's device
import torch.nn as nn
import torch.nn.functional as F


class SwiGLUFeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        dev = cfg.get("device", "cpu")
        self.fc1 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False, device=dev)
        self.fc2 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False, device=dev)
        self.fc3 = nn.Linear(cfg["hidden_dim"], cfg["emb_dim"], bias=False, device=dev)

    def forward(self, x):
        return self.fc3(F.silu(self.fc1(x)) * self.fc2(x))


EXPECTED_CAUSE = "the constructor fixes a device"
