# MUTANT: a wrapper of one's own whose two heads of d_out=2 are summed, not concatenated
# (2 output dimensions, but the heads' features are mixed)
import torch
import torch.nn as nn

from llmscratch import CausalAttention

EXPECTED_CAUSE = "adds its heads' outputs instead of concatenating them"


class Wrapper(nn.Module):
    def __init__(self, d_in, context_length, dropout):
        super().__init__()
        self.heads = nn.ModuleList([CausalAttention(d_in, 2, context_length, dropout)
                                    for _ in range(2)])

    def forward(self, x):
        return sum(h(x) for h in self.heads)


def make_two_dim_wrapper(d_in, context_length, dropout):
    return Wrapper(d_in, context_length, dropout)
