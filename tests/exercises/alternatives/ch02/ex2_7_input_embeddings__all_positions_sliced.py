# Correct: every context_length position row looked up, then the first num_tokens kept
# (the same values and the same gradient)
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    num_tokens = token_ids.shape[1]
    ctx = pos_embedding_layer.num_embeddings
    pos = pos_embedding_layer(torch.arange(ctx, device=token_ids.device))[:num_tokens]
    return token_embedding_layer(token_ids) + pos
