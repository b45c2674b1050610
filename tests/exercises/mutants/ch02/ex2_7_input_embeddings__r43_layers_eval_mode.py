# MUTANT: the caller's layers put in eval mode
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    token_embedding_layer.eval()
    pos_embedding_layer.eval()
    positions = torch.arange(token_ids.shape[1], device=token_ids.device)
    return token_embedding_layer(token_ids) + pos_embedding_layer(positions)

EXPECTED_CAUSE = "the token layer is now in eval mode"
