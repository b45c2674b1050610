# MUTANT: module returned with requires_grad_(False): its parameters cannot be trained
from llmscratch import MultiHeadAttentionWrapper


def make_two_dim_wrapper(d_in, context_length, dropout):
    wrapper = MultiHeadAttentionWrapper(d_in, 1, context_length, dropout, num_heads=2)
    return wrapper.requires_grad_(False)


EXPECTED_CAUSE = 'do not require gradients'
