# MUTANT: token embeddings averaged over the batch before the positions are added (keepdim)
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    tok = token_embedding_layer(token_ids).mean(0, keepdim=True).expand(token_ids.shape[0], -1, -1)
    pos = pos_embedding_layer(torch.arange(token_ids.shape[1], device=token_ids.device))
    return tok + pos


EXPECTED_CAUSE = "the MEAN of the token embeddings over the batch"
