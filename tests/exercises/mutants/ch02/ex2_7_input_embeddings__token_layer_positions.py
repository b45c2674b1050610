# MUTANT: looks the positions up in the token embedding layer
"""Exercise 2.7 (solution): token plus absolute position embeddings (book §2.8)."""

import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    """The GPT input: each token's embedding plus the embedding of its position."""
    num_tokens = token_ids.shape[1]
    token_embeddings = token_embedding_layer(token_ids)  # (batch_size, num_tokens, emb_dim)
    positions = torch.arange(num_tokens, device=token_ids.device)
    pos_embeddings = token_embedding_layer(positions)  # (num_tokens, emb_dim), broadcast over batch
    return token_embeddings + pos_embeddings


EXPECTED_CAUSE = 'up in token_embedding_layer'  # the check's message must name this
