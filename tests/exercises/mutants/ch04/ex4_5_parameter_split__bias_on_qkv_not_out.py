# MUTANT: biases swapped: q/k/v always have one, out_proj none
from llmscratch import FeedForward, GPTModel, MultiHeadAttention


def block_parameter_counts(cfg):
    E = cfg["emb_dim"]
    ff = 8 * E * E + 5 * E
    att = 4 * E * E + 3 * E
    return {"feed_forward": ff, "attention": att}

EXPECTED_CAUSE = 'it is the other way round'
