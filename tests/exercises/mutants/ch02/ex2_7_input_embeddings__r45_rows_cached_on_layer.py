# MUTANT: position rows of the whole table cached (detached) on the position layer object
import torch

EXPECTED_CAUSE = 'a cache kept on the layer object'


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    num_tokens = token_ids.shape[1]
    cached = getattr(pos_embedding_layer, "_cached_pos", None)
    if cached is None or cached.shape[0] < num_tokens:
        positions = torch.arange(pos_embedding_layer.num_embeddings, device=token_ids.device)
        cached = pos_embedding_layer(positions).detach()
        pos_embedding_layer._cached_pos = cached
    return token_embedding_layer(token_ids) + cached[:num_tokens]
