"""The token embeddings are added twice: tok + tok + pos."""
import torch

EXPECTED_CAUSE = "your token embeddings are multiplied by 2"


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    n = token_ids.shape[1]
    pos = pos_embedding_layer(torch.arange(n, device=token_ids.device))
    tok = token_embedding_layer(token_ids)
    return tok + tok + pos
