# MUTANT: positions numbered over the flattened batch: they run on across sequences
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    b, n = token_ids.shape
    positions = torch.arange(b * n, device=token_ids.device).view(b, n)
    positions = positions % pos_embedding_layer.num_embeddings  # stay inside the table
    return token_embedding_layer(token_ids) + pos_embedding_layer(positions)


EXPECTED_CAUSE = 'one long text'
