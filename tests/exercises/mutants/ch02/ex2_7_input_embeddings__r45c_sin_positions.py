# MUTANT: the position rows pass through torch.sin before the sum (no replay names it: fallback)
import torch

EXPECTED_CAUSE = "should add the layer's row 0, which starts"


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    n = token_ids.shape[1]
    tok = token_embedding_layer(token_ids)
    pos = pos_embedding_layer(torch.arange(n, device=token_ids.device))
    return tok + torch.sin(pos)
