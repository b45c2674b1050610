# MUTANT: second head a deep copy of the first: both heads start with the same weights
import copy

import torch

from llmscratch import MultiHeadAttentionWrapper


def make_two_dim_wrapper(d_in, context_length, dropout):
    m = MultiHeadAttentionWrapper(d_in, 1, context_length, dropout, num_heads=2)
    m.heads[1] = copy.deepcopy(m.heads[0])
    return m


EXPECTED_CAUSE = 'identical weights'  # the check's message must name this
