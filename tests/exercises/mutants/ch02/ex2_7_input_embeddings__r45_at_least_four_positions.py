# MUTANT: at least 4 positions looked up (the book's 4 tokens), then sliced
import torch

EXPECTED_CAUSE = 'a fixed minimum such as max(num_tokens, 4)'


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    num_tokens = token_ids.shape[1]
    positions = torch.arange(max(num_tokens, 4), device=token_ids.device)
    return token_embedding_layer(token_ids) + pos_embedding_layer(positions)[:num_tokens]
