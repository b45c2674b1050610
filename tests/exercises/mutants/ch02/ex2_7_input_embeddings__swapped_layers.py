# MUTANT: the two layers swapped (ids looked up in the position layer)
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    positions = torch.arange(token_ids.shape[1], device=token_ids.device)
    return pos_embedding_layer(token_ids) + token_embedding_layer(positions)


EXPECTED_CAUSE = 'swapped the two layers'  # the check's message must name this
