# MUTANT: the position rows cast to float32
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    n = token_ids.shape[1]
    tok = token_embedding_layer(token_ids)
    pos = pos_embedding_layer(torch.arange(n, device=token_ids.device)).float()
    return tok + pos

EXPECTED_CAUSE = "position rows were rounded to float32"
