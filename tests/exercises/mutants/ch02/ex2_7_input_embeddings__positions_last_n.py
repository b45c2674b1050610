# MUTANT: positions taken from the end of the table (context_length - num_tokens ...), not from 0
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    n = token_ids.shape[1]
    ctx = pos_embedding_layer.num_embeddings
    positions = torch.arange(ctx - n, ctx, device=token_ids.device)
    return token_embedding_layer(token_ids) + pos_embedding_layer(positions)


EXPECTED_CAUSE = 'token j adds row j'
