# MUTANT: a range check on the ids (fine) with positions made on the CPU
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    num_tokens = token_ids.shape[1]
    assert bool((token_ids < token_embedding_layer.num_embeddings).all()), "id past the vocabulary"
    positions = torch.arange(num_tokens)
    return token_embedding_layer(token_ids) + pos_embedding_layer(positions)

EXPECTED_CAUSE = "your positions were made on cpu"
