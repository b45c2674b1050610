# MUTANT: position rows expanded with the batch size for both leading sizes
import torch

EXPECTED_CAUSE = "a size given to expand was read from the wrong place"


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    b = token_ids.shape[0]
    n = token_ids.shape[1]
    pos = pos_embedding_layer(torch.arange(n, device=token_ids.device))
    return token_embedding_layer(token_ids) + pos.expand(b, b, -1)
