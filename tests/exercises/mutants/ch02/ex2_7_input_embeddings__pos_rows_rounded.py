# MUTANT: position rows rounded to 3 decimals
import torch

EXPECTED_CAUSE = "your position rows against the layer's: What differs: each number was rounded"


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    num_tokens = token_ids.shape[1]
    pos = pos_embedding_layer(torch.arange(num_tokens, device=token_ids.device)).round(decimals=3)
    return token_embedding_layer(token_ids) + pos
