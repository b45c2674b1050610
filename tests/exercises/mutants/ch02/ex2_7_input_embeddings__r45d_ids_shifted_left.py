# MUTANT: the ids shifted left by one (the last id repeated) before the token lookup
import torch

EXPECTED_CAUSE = "the ids shifted left by one"


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    shifted = torch.cat([token_ids[:, 1:], token_ids[:, -1:]], dim=1)
    positions = torch.arange(token_ids.shape[1], device=token_ids.device)
    return token_embedding_layer(shifted) + pos_embedding_layer(positions)
