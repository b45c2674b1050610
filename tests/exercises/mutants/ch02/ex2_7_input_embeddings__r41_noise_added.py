# MUTANT: small Gaussian noise added to the sum (named by a second call)
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    n = token_ids.shape[1]
    pos = pos_embedding_layer(torch.arange(n, device=token_ids.device))
    x = token_embedding_layer(token_ids) + pos
    return x + 0.01 * torch.randn_like(x)

EXPECTED_CAUSE = "it draws random numbers"
