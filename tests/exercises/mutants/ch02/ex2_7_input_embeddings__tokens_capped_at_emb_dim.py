# MUTANT: the number of positions is capped at the embedding width (embedding_dim, not
# num_embeddings)
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    num_tokens = min(token_ids.shape[1], pos_embedding_layer.embedding_dim)
    positions = torch.arange(num_tokens, device=token_ids.device)
    return token_embedding_layer(token_ids) + pos_embedding_layer(positions)

EXPECTED_CAUSE = "depends on emb_dim"
