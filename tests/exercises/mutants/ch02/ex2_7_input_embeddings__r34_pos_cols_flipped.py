# MUTANT: the position rows have their columns reversed (flip(-1))
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    n = token_ids.shape[1]
    pos = pos_embedding_layer(torch.arange(n, device=token_ids.device)).flip(-1)
    return token_embedding_layer(token_ids) + pos

EXPECTED_CAUSE = "the values along emb_dim come in reverse order"
