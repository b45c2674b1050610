# MUTANT: both of the caller's layers switched to training mode by the call (`.train()` on them)
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    token_embedding_layer.train()
    pos_embedding_layer.train()
    positions = torch.arange(token_ids.shape[1], device=token_ids.device)
    return token_embedding_layer(token_ids) + pos_embedding_layer(positions)

EXPECTED_CAUSE = "given in eval mode, is now in training mode"
