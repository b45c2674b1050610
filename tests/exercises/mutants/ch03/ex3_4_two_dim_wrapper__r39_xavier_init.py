# MUTANT: the heads' weights re-initialised with Xavier (a "better init"): other seeded weights
import torch

from llmscratch import MultiHeadAttentionWrapper


def make_two_dim_wrapper(d_in, context_length, dropout):
    module = MultiHeadAttentionWrapper(d_in, 1, context_length, dropout, num_heads=2)
    for p in module.parameters():
        if p.dim() == 2:
            torch.nn.init.xavier_uniform_(p)
    return module


EXPECTED_CAUSE = "your heads start from other weights"
