# Correct: positions made on the position layer's device, added in the other order
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    positions = torch.arange(token_ids.shape[-1], device=pos_embedding_layer.weight.device)
    pos_embeddings = pos_embedding_layer(positions)  # (num_tokens, emb_dim)
    tok_embeddings = token_embedding_layer(token_ids)  # (batch, num_tokens, emb_dim)
    return pos_embeddings + tok_embeddings
