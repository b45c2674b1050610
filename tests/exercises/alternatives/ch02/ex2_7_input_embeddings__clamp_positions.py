# Correct: positions clamped to the context (only differs past context_length)
"""Exercise 2.7 (solution): token plus absolute position embeddings (book §2.8).

Ours: the book has no exercise for this; it practises the section named above.
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
    last = pos_embedding_layer.num_embeddings - 1
    positions = torch.arange(num_tokens, device=token_ids.device).clamp(max=last)
    pos_embeddings = pos_embedding_layer(positions)  # (num_tokens, emb_dim), broadcast over batch
    return token_embeddings + pos_embeddings
