# MUTANT: a single sequence is taken to end with its target id, so it gets one position fewer
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    batch_size, num_tokens = token_ids.shape
    if batch_size == 1:
        num_tokens -= 1
    positions = torch.arange(num_tokens, device=token_ids.device)
    return token_embedding_layer(token_ids) + pos_embedding_layer(positions)

EXPECTED_CAUSE = "what differs here (a batch of one)"
