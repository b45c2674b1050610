# MUTANT: even positions get half their position row
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    n = token_ids.shape[1]
    pos = pos_embedding_layer(torch.arange(n, device=token_ids.device))
    scale = torch.where(torch.arange(n, device=token_ids.device) % 2 == 0, 0.5, 1.0)
    return token_embedding_layer(token_ids) + pos * scale[:, None].to(pos.dtype)

EXPECTED_CAUSE = "a factor of its own, [0.5, 1.0, 0.5, 1.0]"
