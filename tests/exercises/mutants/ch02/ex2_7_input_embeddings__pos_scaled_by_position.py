# MUTANT: position row j scaled by j + 1 (a fallback case: no replay of the check matches it)
import torch

EXPECTED_CAUSE = "position row j came out times a factor of its own"


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    num_tokens = token_ids.shape[1]
    positions = torch.arange(num_tokens, device=token_ids.device)
    pos = pos_embedding_layer(positions) * (positions + 1)[:, None]
    return token_embedding_layer(token_ids) + pos
