# MUTANT: tok.add(pos) is called without keeping its result (not in place), so the token
#   embeddings are returned without positions
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    tok = token_embedding_layer(token_ids)
    pos = pos_embedding_layer(torch.arange(token_ids.shape[1], device=token_ids.device))
    tok.add(pos)
    return tok

EXPECTED_CAUSE = "only the token embeddings"
