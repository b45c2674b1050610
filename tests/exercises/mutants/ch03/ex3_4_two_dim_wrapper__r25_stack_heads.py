# MUTANT: own wrapper stacking the heads on a new last dim (b, n, 1, 2) instead of concatenating
import torch
import torch.nn as nn

from llmscratch import CausalAttention


class TwoHeadWrapper(nn.Module):
    def __init__(self, d_in, context_length, dropout):
        super().__init__()
        self.heads = nn.ModuleList(
            [CausalAttention(d_in, 1, context_length, dropout) for _ in range(2)])

    def forward(self, x):
        return torch.stack([head(x) for head in self.heads], dim=-1)


def make_two_dim_wrapper(d_in, context_length, dropout):
    return TwoHeadWrapper(d_in, context_length, dropout)


EXPECTED_CAUSE = 'concatenated along the last dimension'
