# MUTANT: positions cached by num_tokens, so they stay on the device of their first use
import torch

_POSITIONS = {}


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    num_tokens = token_ids.shape[1]
    if num_tokens not in _POSITIONS:
        _POSITIONS[num_tokens] = torch.arange(num_tokens, device=token_ids.device)
    return token_embedding_layer(token_ids) + pos_embedding_layer(_POSITIONS[num_tokens])

EXPECTED_CAUSE = "a cache keyed by num_tokens"
