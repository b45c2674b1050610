# MUTANT: positions counted from emb_dim (pos_embedding_layer.embedding_dim) instead of num_tokens
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    n = min(pos_embedding_layer.embedding_dim, pos_embedding_layer.num_embeddings)
    positions = torch.arange(n, device=token_ids.device)
    return token_embedding_layer(token_ids) + pos_embedding_layer(positions)


EXPECTED_CAUSE = 'is emb_dim'  # the check's message must name this
