# MUTANT: token lookup on token_ids.T, reshaped (not transposed) back
import torch

EXPECTED_CAUSE = "reshaped or viewed back"


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    batch_size, num_tokens = token_ids.shape
    tok = token_embedding_layer(token_ids.T)
    tok = tok.reshape(batch_size, num_tokens, -1)
    pos = pos_embedding_layer(torch.arange(num_tokens, device=token_ids.device))
    return tok + pos
