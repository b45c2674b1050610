# MUTANT: rows read by index from a clone of the weight (no product)
import torch


def embedding_via_onehot(token_ids, weight):
    table = weight.clone()  # leave the caller's weight alone
    return table[token_ids]


EXPECTED_CAUSE = "a copy of it"  # the check's message must name this
