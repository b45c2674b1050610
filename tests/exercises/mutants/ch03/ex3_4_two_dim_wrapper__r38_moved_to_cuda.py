# MUTANT: moves the module to the GPU when one is available (copied from training code), so the
# caller's CPU batch no longer fits it
import torch

from llmscratch import MultiHeadAttentionWrapper


def make_two_dim_wrapper(d_in, context_length, dropout):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    return MultiHeadAttentionWrapper(d_in, 1, context_length, dropout, num_heads=2).to(device)


EXPECTED_CAUSE = "moves the module to the GPU when one is available"
