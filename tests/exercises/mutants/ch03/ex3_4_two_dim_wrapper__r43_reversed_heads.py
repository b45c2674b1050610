# MUTANT: the wrapper's heads reversed after building (head 1's feature comes first)
import torch.nn as nn

from llmscratch import MultiHeadAttentionWrapper


def make_two_dim_wrapper(d_in, context_length, dropout):
    w = MultiHeadAttentionWrapper(d_in, 1, context_length, dropout, num_heads=2)
    w.heads = nn.ModuleList(list(w.heads)[::-1])
    return w


EXPECTED_CAUSE = "in the order [1, 0]"  # the check's message must name this
