# MUTANT: half of the reversed position rows added on top (a mix of two position orders)
import torch

EXPECTED_CAUSE = "weighted mixes of the position layer's rows"


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    n = token_ids.shape[1]
    pos = pos_embedding_layer(torch.arange(n, device=token_ids.device))
    return token_embedding_layer(token_ids) + pos + 0.5 * pos.flip(0)
