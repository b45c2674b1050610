# MUTANT: positions made as int8, so past 127 they wrap to negative rows
import torch

EXPECTED_CAUSE = 'as an int8 (torch.int8, one signed byte)'


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    num_tokens = token_ids.shape[1]
    positions = torch.arange(num_tokens, device=token_ids.device, dtype=torch.int8).long()
    return token_embedding_layer(token_ids) + pos_embedding_layer(positions)
