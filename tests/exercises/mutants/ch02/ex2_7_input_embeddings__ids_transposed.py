"""The token ids transposed before the lookup (and the result left that way)."""
import torch

EXPECTED_CAUSE = "got the ids transposed"


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    n = token_ids.shape[1]
    positions = torch.arange(n, device=token_ids.device)
    return token_embedding_layer(token_ids.T) + pos_embedding_layer(positions)
