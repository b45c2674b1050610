# MUTANT: the heads' dropout switched to inplace=True (to save memory): backward then fails
from llmscratch import MultiHeadAttentionWrapper


def make_two_dim_wrapper(d_in, context_length, dropout):
    wrapper = MultiHeadAttentionWrapper(d_in, 1, context_length, dropout, num_heads=2)
    for head in wrapper.heads:
        head.dropout.inplace = True
    return wrapper


EXPECTED_CAUSE = "drop in place (inplace=true)"  # the check's message must name this
