# MUTANT: the sum is cast to float32, also for float64 layers
"""Kept wrong answer (see EXPECTED_CAUSE)."""

import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    n = token_ids.shape[1]
    pos = pos_embedding_layer(torch.arange(n, device=token_ids.device))
    return (token_embedding_layer(token_ids) + pos).float()


EXPECTED_CAUSE = '.float()'  # the check's message must name this
