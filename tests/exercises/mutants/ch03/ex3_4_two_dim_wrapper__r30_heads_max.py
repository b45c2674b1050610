# MUTANT: a wrapper of one's own that takes the elementwise maximum of its two heads of
# d_out=2; no replay matches: the fallback says a step after the heads combines them
import torch
import torch.nn as nn

from llmscratch import CausalAttention

EXPECTED_CAUSE = "so a step after the heads cuts or combines their features"


class MaxWrapper(nn.Module):
    def __init__(self, d_in, context_length, dropout):
        super().__init__()
        self.heads = nn.ModuleList([CausalAttention(d_in, 2, context_length, dropout)
                                    for _ in range(2)])

    def forward(self, x):
        return torch.maximum(self.heads[0](x), self.heads[1](x))


def make_two_dim_wrapper(d_in, context_length, dropout):
    return MaxWrapper(d_in, context_length, dropout)
