# MUTANT: tokens cut to the position layer's embedding_dim
"""Kept wrong answer (see EXPECTED_CAUSE)."""

import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    n = min(token_ids.shape[1], pos_embedding_layer.embedding_dim)
    pos = pos_embedding_layer(torch.arange(n, device=token_ids.device))
    return token_embedding_layer(token_ids)[:, :n] + pos


EXPECTED_CAUSE = '5 is emb_dim here'  # the check's message must name this
