# MUTANT: indexing instead of a one-hot product (exercise ignored)
import torch


def embedding_via_onehot(token_ids, weight):
    return weight[token_ids]


EXPECTED_CAUSE = "read weight's rows by index"  # the check's message must name this
