# MUTANT: positions made as floats: nn.Embedding needs integer ids
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    positions = torch.arange(token_ids.shape[1], dtype=torch.float, device=token_ids.device)
    return token_embedding_layer(token_ids) + pos_embedding_layer(positions)


EXPECTED_CAUSE = 'are floats'
