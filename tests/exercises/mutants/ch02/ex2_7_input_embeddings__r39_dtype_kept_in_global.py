# MUTANT: the result dtype read once into a module global (float32), every result cast to it
import torch

_DTYPE = None


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    global _DTYPE
    if _DTYPE is None:
        _DTYPE = token_embedding_layer.weight.dtype
    num_tokens = token_ids.shape[1]
    pos = pos_embedding_layer(torch.arange(num_tokens, device=token_ids.device))
    return (token_embedding_layer(token_ids) + pos).to(_DTYPE)


EXPECTED_CAUSE = 'keeps state between calls'
