# MUTANT: position embeddings cached in a module-level dict by num_tokens
# (stale for another layer or a second call)
import torch

_POS_CACHE = {}


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    num_tokens = token_ids.shape[1]
    if num_tokens not in _POS_CACHE:
        positions = torch.arange(num_tokens, device=token_ids.device)
        _POS_CACHE[num_tokens] = pos_embedding_layer(positions)
    return token_embedding_layer(token_ids) + _POS_CACHE[num_tokens]


EXPECTED_CAUSE = 'kept from an earlier call'
