# MUTANT: the wrapper built under torch.device("meta") (to skip allocating), so its parameters
# have no values and it cannot run
import torch

from llmscratch import MultiHeadAttentionWrapper


def make_two_dim_wrapper(d_in, context_length, dropout):
    with torch.device("meta"):  # build without allocating
        return MultiHeadAttentionWrapper(d_in, 1, context_length, dropout, num_heads=2)

EXPECTED_CAUSE = "a module built under torch.device('meta')"
