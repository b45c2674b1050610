# MUTANT: builds the one-hot matrix for 1-D ids only (len(ids) x vocab), fails for batches
"""Exercise 2.6 (solution): an embedding lookup is a one-hot matrix product (book §2.7)."""

import torch


def embedding_via_onehot(token_ids, weight):
    """Look up ``weight`` rows for ``token_ids`` with a matrix product instead of indexing."""
    one_hot = torch.zeros(len(token_ids), weight.shape[0])
    one_hot[torch.arange(len(token_ids)), token_ids] = 1
    return one_hot.to(weight.dtype) @ weight  # (..., vocab_size) @ (vocab_size, emb_dim)


EXPECTED_CAUSE = 'flattened to 1-D'  # the check's message must name this
