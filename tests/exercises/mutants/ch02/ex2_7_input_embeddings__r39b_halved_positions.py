# MUTANT: positions halved (arange // 2): each position row used for two tokens
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    num_tokens = token_ids.shape[1]
    tok = token_embedding_layer(token_ids)
    pos = pos_embedding_layer(torch.arange(num_tokens, device=token_ids.device) // 2)
    return tok + pos

EXPECTED_CAUSE = "added row [0, 0, 1, 1][j]"
