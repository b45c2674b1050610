# MUTANT: device=token_ids.get_device() is -1 on the CPU (not a device)
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    num_tokens = token_ids.shape[1]
    positions = torch.arange(num_tokens, device=token_ids.get_device())
    return token_embedding_layer(token_ids) + pos_embedding_layer(positions)


EXPECTED_CAUSE = "get_device() is -1"
