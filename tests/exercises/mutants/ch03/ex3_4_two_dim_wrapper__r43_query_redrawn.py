# MUTANT: head 0's query weights re-drawn with nn.init.normal_ after building
import torch

from llmscratch import MultiHeadAttentionWrapper


def make_two_dim_wrapper(d_in, context_length, dropout):
    w = MultiHeadAttentionWrapper(d_in, 1, context_length, dropout, num_heads=2)
    torch.nn.init.normal_(w.heads[0].W_query.weight)
    return w


EXPECTED_CAUSE = "re-draws or changes it"  # the check's message must name this
