# MUTANT: positions made with torch.tensor(num_tokens) instead of torch.arange(num_tokens): every
#   token gets position row num_tokens
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    num_tokens = token_ids.shape[1]
    positions = torch.tensor(num_tokens, device=token_ids.device)
    return token_embedding_layer(token_ids) + pos_embedding_layer(positions)

EXPECTED_CAUSE = "added row [4, 4, 4, 4][j]"
