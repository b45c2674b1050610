# MUTANT: positions laid out (num_tokens, batch) and viewed as (batch, num_tokens)
"""Kept wrong answer (see EXPECTED_CAUSE)."""

import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    b, n = token_ids.shape
    positions = (torch.arange(b * n, device=token_ids.device) // b).view(b, n)
    return token_embedding_layer(token_ids) + pos_embedding_layer(positions)


EXPECTED_CAUSE = 'laid out as (num_tokens, batch_size)'  # the check's message must name this
