# MUTANT: position rows of the first call cached on the position layer object
import torch

EXPECTED_CAUSE = 'a cache kept on the layer object'


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    num_tokens = token_ids.shape[1]
    cached = getattr(pos_embedding_layer, "_rows", None)
    if cached is None:
        cached = pos_embedding_layer(torch.arange(num_tokens, device=token_ids.device))
        pos_embedding_layer._rows = cached
    return token_embedding_layer(token_ids) + cached
