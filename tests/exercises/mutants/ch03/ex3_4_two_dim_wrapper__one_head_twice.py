# MUTANT: one head put into the wrapper twice (shared weights)
import torch

from llmscratch import MultiHeadAttentionWrapper


def make_two_dim_wrapper(d_in, context_length, dropout):
    wrapper = MultiHeadAttentionWrapper(d_in, 1, context_length, dropout, num_heads=2)
    wrapper.heads = torch.nn.ModuleList([wrapper.heads[0], wrapper.heads[0]])
    return wrapper


EXPECTED_CAUSE = 'same module'
