# MUTANT: one head's value weights doubled after building (no replay matches: the fallback)
import torch

from llmscratch import MultiHeadAttentionWrapper


def make_two_dim_wrapper(d_in, context_length, dropout):
    w = MultiHeadAttentionWrapper(d_in, 1, context_length, dropout, num_heads=2)
    with torch.no_grad():
        w.heads[1].W_value.weight.mul_(2)
    return w


EXPECTED_CAUSE = "changed after building"  # the check's message must name this
