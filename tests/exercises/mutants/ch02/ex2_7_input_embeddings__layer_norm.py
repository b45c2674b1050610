# MUTANT: the sum goes through a layer norm
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    n = token_ids.shape[1]
    positions = torch.arange(n, device=token_ids.device)
    x = token_embedding_layer(token_ids) + pos_embedding_layer(positions)
    return torch.nn.functional.layer_norm(x, x.shape[-1:])

EXPECTED_CAUSE = "mean 0 and variance 1"
