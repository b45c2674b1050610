"""A frozen copy of the position layer (from_pretrained freezes by default)."""
import torch

EXPECTED_CAUSE = "from_pretrained"


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    pos_layer = torch.nn.Embedding.from_pretrained(pos_embedding_layer.weight)
    n = token_ids.shape[1]
    return token_embedding_layer(token_ids) + pos_layer(torch.arange(n, device=token_ids.device))
