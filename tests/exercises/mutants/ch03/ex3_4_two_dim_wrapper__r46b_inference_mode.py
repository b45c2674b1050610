# MUTANT: the wrapper built under torch.inference_mode() (inference-tensor parameters)
import torch

from llmscratch import MultiHeadAttentionWrapper


def make_two_dim_wrapper(d_in, context_length, dropout):
    with torch.inference_mode():  # building needs no autograd
        return MultiHeadAttentionWrapper(d_in, 1, context_length, dropout, num_heads=2)

EXPECTED_CAUSE = "built under torch.inference_mode()"
