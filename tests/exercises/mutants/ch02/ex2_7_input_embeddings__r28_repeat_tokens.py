# MUTANT: positions repeated num_tokens times instead of batch_size times
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    batch_size, num_tokens = token_ids.shape
    positions = torch.arange(num_tokens, device=token_ids.device).repeat(num_tokens, 1)
    return token_embedding_layer(token_ids) + pos_embedding_layer(positions)


EXPECTED_CAUSE = "repeated 6 times"
