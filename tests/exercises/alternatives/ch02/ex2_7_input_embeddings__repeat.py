# Correct: position ids repeated per row (repeat), built with arange(start=0, end=...)
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    batch_size, num_tokens = token_ids.shape
    pos_ids = torch.arange(start=0, end=num_tokens, device=token_ids.device).repeat(batch_size, 1)
    return token_embedding_layer(token_ids) + pos_embedding_layer(pos_ids)
