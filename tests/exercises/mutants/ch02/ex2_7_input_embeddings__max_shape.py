"""Positions counted up to max(token_ids.shape): right while the batch is the smaller size."""
import torch

EXPECTED_CAUSE = "max(token_ids.shape)"


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    n = max(token_ids.shape)
    pos = pos_embedding_layer(torch.arange(n, device=token_ids.device))
    return token_embedding_layer(token_ids) + pos
