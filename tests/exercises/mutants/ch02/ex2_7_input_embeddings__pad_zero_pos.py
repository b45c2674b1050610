# MUTANT: position rows masked out where the token id is 0
"""Kept wrong answer (see EXPECTED_CAUSE)."""

import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    n = token_ids.shape[1]
    pos = pos_embedding_layer(torch.arange(n, device=token_ids.device))
    mask = (token_ids != 0).unsqueeze(-1).to(pos.dtype)
    return token_embedding_layer(token_ids) + pos * mask


EXPECTED_CAUSE = 'whose id is 0 got no position'  # the check's message must name this
