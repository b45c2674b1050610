# MUTANT: the ids rolled by one along the tokens before the token lookup
import torch

EXPECTED_CAUSE = "the ids rolled by one along the tokens"


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    tokens = token_embedding_layer(torch.roll(token_ids, 1, dims=1))
    positions = torch.arange(token_ids.shape[1], device=token_ids.device)
    return tokens + pos_embedding_layer(positions)
