"""The position rows are added to the first sequence of the batch only."""
import torch

EXPECTED_CAUSE = "added the positions to only part of the batch"


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    out = token_embedding_layer(token_ids).clone()
    positions = torch.arange(token_ids.shape[1], device=token_ids.device)
    out[0] = out[0] + pos_embedding_layer(positions)
    return out
