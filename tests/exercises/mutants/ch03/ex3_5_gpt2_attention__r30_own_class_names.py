# MUTANT: a class of one's own with other layer names (q_proj, k_proj, v_proj, c_proj) and
# an extra LayerNorm (the fallback lists the missing and extra parameters with their shapes)
import torch
import torch.nn as nn

EXPECTED_CAUSE = "yours lacks W_query.weight (768, 768)"


class Attn(nn.Module):
    def __init__(self):
        super().__init__()
        self.norm = nn.LayerNorm(768)
        self.q_proj = nn.Linear(768, 768, bias=False)
        self.k_proj = nn.Linear(768, 768, bias=False)
        self.v_proj = nn.Linear(768, 768, bias=False)
        self.c_proj = nn.Linear(768, 768)
        self.num_heads = 12
        self.register_buffer("mask", torch.triu(torch.ones(1024, 1024), diagonal=1))

    def forward(self, x):
        return self.c_proj(self.v_proj(self.norm(x)))


def make_gpt2_attention():
    return Attn()
