# MUTANT: calls torch.manual_seed(123) inside the factory (resets the global RNG)
import torch

from llmscratch import MultiHeadAttentionWrapper


def make_two_dim_wrapper(d_in, context_length, dropout):
    torch.manual_seed(123)
    return MultiHeadAttentionWrapper(d_in, 1, context_length, dropout, num_heads=2)


EXPECTED_CAUSE = 'seeds the random generator'  # the check's message must name this
