import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    num_tokens = token_ids.size(2)
    positions = torch.arange(num_tokens, device=token_ids.device)
    return token_embedding_layer(token_ids) + pos_embedding_layer(positions)


EXPECTED_CAUSE = 'dimension 2 does not exist'
