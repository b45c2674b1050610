# MUTANT: positions from the ids (cumsum of ids != 0, padding style); id-0 tokens break them
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    positions = (token_ids != 0).long().cumsum(dim=1) - 1
    positions = positions.clamp(min=0)
    return token_embedding_layer(token_ids) + pos_embedding_layer(positions)


EXPECTED_CAUSE = 'stop where a token id is 0'
