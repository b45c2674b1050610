"""The position embeddings subtracted instead of added."""
import torch

EXPECTED_CAUSE = "were subtracted"


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    n = token_ids.shape[1]
    pos = pos_embedding_layer(torch.arange(n, device=token_ids.device))
    return token_embedding_layer(token_ids) - pos
