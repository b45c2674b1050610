"""The position embeddings (not the token embeddings) scaled by sqrt(emb_dim)."""
import torch

EXPECTED_CAUSE = "position embeddings were scaled by sqrt(emb_dim)"


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    n = token_ids.shape[1]
    pos = pos_embedding_layer(torch.arange(n, device=token_ids.device))
    return token_embedding_layer(token_ids) + pos * token_embedding_layer.embedding_dim**0.5
