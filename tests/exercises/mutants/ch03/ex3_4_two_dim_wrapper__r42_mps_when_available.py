# MUTANT: the module is moved to Apple's MPS device when one is available (inputs on the CPU then
# fail)
import torch

from llmscratch import MultiHeadAttentionWrapper


def make_two_dim_wrapper(d_in, context_length, dropout):
    module = MultiHeadAttentionWrapper(d_in, 1, context_length, dropout, num_heads=2)
    if torch.backends.mps.is_available():
        module = module.to("mps")
    return module


EXPECTED_CAUSE = "'mps' if torch.backends.mps.is_available()"  # the check's message must name this
