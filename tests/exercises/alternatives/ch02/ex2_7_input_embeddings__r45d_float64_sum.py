"""Exercise 2.7 (alternative): the sum computed in float64 and rounded once back.

A correct answer: one rounding of an exact float64 sum equals the sum in the lookups' dtype.
"""

import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    """The GPT input: each token's embedding plus the embedding of its position.

    ``token_ids`` has shape ``(batch_size, num_tokens)``; ``token_embedding_layer`` is an
    ``nn.Embedding(vocab_size, emb_dim)`` and ``pos_embedding_layer`` an
    ``nn.Embedding(context_length, emb_dim)`` with ``context_length >= num_tokens``. Position
    ``j`` of every row uses row ``j`` of the position layer (0 for the first token). Return a
    tensor of shape ``(batch_size, num_tokens, emb_dim)``.

    Example (the book's numbers): 8 x 4 token ids and 256-dimensional layers give
    ``8 x 4 x 256``.
    """
    num_tokens = token_ids.shape[1]
    token_embeddings = token_embedding_layer(token_ids)  # (batch_size, num_tokens, emb_dim)
    positions = torch.arange(num_tokens, device=token_ids.device)
    pos_embeddings = pos_embedding_layer(positions)  # (num_tokens, emb_dim), broadcast over batch
    # the sum in float64, rounded once back to the lookups' dtype: the same numbers
    return (token_embeddings.double() + pos_embeddings.double()).to(token_embeddings.dtype)
