# MUTANT: casts to float32, so a float64 weight gives a float32 result
"""Exercise 2.6 (solution): an embedding lookup is a one-hot matrix product (book §2.7)."""

import torch


def embedding_via_onehot(token_ids, weight):
    """Look up ``weight`` rows for ``token_ids`` with a matrix product instead of indexing.

    ``token_ids`` is an integer tensor of any shape ``(...)``, ``weight`` a ``(vocab_size,
    emb_dim)`` tensor (like ``nn.Embedding.weight``). Build one-hot vectors of length
    ``vocab_size`` and multiply them with ``weight``. Return a tensor of shape
    ``(..., emb_dim)`` equal to ``weight[token_ids]``.

    Example: with ``weight = torch.arange(6.).view(3, 2)``, ids ``[2, 0]`` give
    ``[[4., 5.], [0., 1.]]``.
    """
    one_hot = torch.nn.functional.one_hot(token_ids, num_classes=weight.shape[0])
    return one_hot.float() @ weight.float()  # (..., vocab_size) @ (vocab_size, emb_dim)


EXPECTED_CAUSE = 'was cast to torch.float32'  # the check's message must name this
