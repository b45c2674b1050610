# MUTANT: passes an nn.Dropout module instead of the dropout rate
import torch.nn as nn

from llmscratch import MultiHeadAttentionWrapper


def make_two_dim_wrapper(d_in, context_length, dropout):
    return MultiHeadAttentionWrapper(d_in, 1, context_length, nn.Dropout(dropout), num_heads=2)


EXPECTED_CAUSE = 'An nn.Dropout module reached'  # the check's message must name this
