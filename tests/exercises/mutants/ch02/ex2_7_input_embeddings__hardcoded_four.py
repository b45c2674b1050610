# MUTANT: number of positions hard-coded to 4 (the book's max_length)
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    positions = torch.arange(4, device=token_ids.device)
    return token_embedding_layer(token_ids) + pos_embedding_layer(positions)


EXPECTED_CAUSE = 'fixed in your code'  # the check's message must name this
