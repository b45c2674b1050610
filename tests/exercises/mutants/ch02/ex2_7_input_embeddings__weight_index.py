# MUTANT: the token table indexed directly, around the layer (padding_idx lost)
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    n = token_ids.shape[1]
    tok = token_embedding_layer.weight[token_ids]
    pos = pos_embedding_layer.weight[:n]
    return tok + pos

EXPECTED_CAUSE = "goes around the layer"
