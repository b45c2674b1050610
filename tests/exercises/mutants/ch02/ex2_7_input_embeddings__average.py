# MUTANT: averages token and position embeddings instead of adding
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    num_tokens = token_ids.shape[1]
    positions = torch.arange(num_tokens, device=token_ids.device)
    return (token_embedding_layer(token_ids) + pos_embedding_layer(positions)) / 2


EXPECTED_CAUSE = 'averaged'  # the check's message must name this
