# MUTANT: pos_embedding_layer.requires_grad_(True): a layer the caller froze is unfrozen
import torch

EXPECTED_CAUSE = "unfroze the caller's layer"


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    pos_embedding_layer.requires_grad_(True)  # positions must learn
    num_tokens = token_ids.shape[1]
    token_embeddings = token_embedding_layer(token_ids)  # (batch_size, num_tokens, emb_dim)
    positions = torch.arange(num_tokens, device=token_ids.device)
    pos_embeddings = pos_embedding_layer(positions)  # (num_tokens, emb_dim), broadcast over batch
    return token_embeddings + pos_embeddings
