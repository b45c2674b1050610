# MUTANT: the first position row is added to every token as well (a bias-like extra)
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    positions = torch.arange(token_ids.shape[1], device=token_ids.device)
    pos = pos_embedding_layer(positions) + pos_embedding_layer.weight[0]
    return token_embedding_layer(token_ids) + pos

EXPECTED_CAUSE = "token 1: row 0 + row 1"
