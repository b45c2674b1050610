# Correct: positions made as cumsum(ones_like(ids), dim=1) - 1, on the ids' device
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    positions = torch.cumsum(torch.ones_like(token_ids), dim=1) - 1
    return token_embedding_layer(token_ids) + pos_embedding_layer(positions)
