# MUTANT: the caller's layers converted in place by module.to(device, torch.float32)
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    token_embedding_layer.to(token_ids.device, torch.float32)
    pos_embedding_layer.to(token_ids.device, torch.float32)
    positions = torch.arange(token_ids.shape[1], device=token_ids.device)
    return token_embedding_layer(token_ids) + pos_embedding_layer(positions)

EXPECTED_CAUSE = "your code changed the caller's layers"
