# MUTANT: float16 inputs converted with x.float() "for precision" and never cast back: a
# float16 model gets float32 activations (bfloat16 and float32 are right)
import torch
import torch.nn as nn

EXPECTED_CAUSE = "a branch on x.dtype == torch.float16"


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        if x.dtype == torch.float16:
            x = x.float()
        ms = x.pow(2).mean(dim=-1, keepdim=True)
        return self.scale * x * torch.rsqrt(ms + self.eps)
