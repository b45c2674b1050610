# MUTANT: 0.1 added to every value (a bias left over)
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    n = token_ids.shape[1]
    pos = pos_embedding_layer(torch.arange(n, device=token_ids.device))
    return token_embedding_layer(token_ids) + pos + 0.1

EXPECTED_CAUSE = "off by the same amount, +0.1"
