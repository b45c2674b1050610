# MUTANT: the sum clamped to [-2, 2] (a stability trick)
import torch

EXPECTED_CAUSE = "a clamp to [-2, 2]"


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    num_tokens = token_ids.shape[1]
    pos = pos_embedding_layer(torch.arange(num_tokens, device=token_ids.device))
    return (token_embedding_layer(token_ids) + pos).clamp(-2, 2)
