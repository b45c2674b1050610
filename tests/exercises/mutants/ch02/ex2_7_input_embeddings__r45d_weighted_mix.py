# MUTANT: a weighted mix, 1.5 * token rows + 0.5 * position rows, instead of the plain sum
import torch

EXPECTED_CAUSE = "1.5 x the token embeddings + 0.5 x the position embeddings"


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    positions = torch.arange(token_ids.shape[1], device=token_ids.device)
    return 1.5 * token_embedding_layer(token_ids) + 0.5 * pos_embedding_layer(positions)
