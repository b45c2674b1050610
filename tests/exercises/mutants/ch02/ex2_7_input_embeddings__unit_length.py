# MUTANT: the sum is normalised to unit length
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    n = token_ids.shape[1]
    positions = torch.arange(n, device=token_ids.device)
    x = token_embedding_layer(token_ids) + pos_embedding_layer(positions)
    return torch.nn.functional.normalize(x, dim=-1)

EXPECTED_CAUSE = "has length 1"
