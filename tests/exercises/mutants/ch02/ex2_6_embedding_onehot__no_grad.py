# MUTANT: computes under torch.no_grad(), so the result has no gradient to the weight
"""Exercise 2.6 (solution): an embedding lookup is a one-hot matrix product (book §2.7)."""

import torch


def embedding_via_onehot(token_ids, weight):
    """Look up ``weight`` rows for ``token_ids`` with a matrix product instead of indexing."""
    with torch.no_grad():
        one_hot = torch.nn.functional.one_hot(token_ids, num_classes=weight.shape[0])
        return one_hot.to(weight.dtype) @ weight  # (..., vocab_size) @ (vocab_size, emb_dim)


EXPECTED_CAUSE = 'no_grad'  # the check's message must name this
