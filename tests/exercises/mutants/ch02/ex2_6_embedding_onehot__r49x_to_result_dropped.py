# MUTANT: one_hot.to(weight.dtype) on a line of its own: the cast result is thrown away
"""Exercise 2.6 (solution): an embedding lookup is a one-hot matrix product (book §2.7).

Ours: the book has no exercise for this; it practises the section named above.
"""

import torch

EXPECTED_CAUSE = 'one_hot = one_hot.to(weight.dtype)'


def embedding_via_onehot(token_ids, weight):
    """Look up ``weight`` rows for ``token_ids`` with a matrix product instead of indexing.

    ``token_ids`` is a ``torch.long`` tensor of any shape ``(...)`` holding ids in ``0 ..
    vocab_size - 1``, ``weight`` a ``(vocab_size, emb_dim)`` tensor (like ``nn.Embedding.weight``).
    Build one-hot vectors of length ``vocab_size`` and multiply them with ``weight``, with tensor
    operations on the ids' own device: no reading of the ids' values into Python (``.tolist()``,
    ``.item()``), which would copy them off a GPU (the check runs your function on PyTorch's
    ``meta`` device, which holds no values, to see this). Return a tensor of shape ``(...,
    emb_dim)`` equal to ``weight[token_ids]``.

    Example: with ``weight = torch.arange(6.).view(3, 2)``, ids ``[2, 0]`` give
    ``[[4., 5.], [0., 1.]]``.
    """
    one_hot = torch.nn.functional.one_hot(token_ids, num_classes=weight.shape[0])
    one_hot.to(weight.dtype)
    return one_hot @ weight  # (..., vocab_size) @ (vocab_size, emb_dim)
