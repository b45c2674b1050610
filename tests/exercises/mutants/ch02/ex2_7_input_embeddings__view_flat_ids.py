# MUTANT: ids flattened with view(-1): fails on transposed, non-contiguous ids
import torch

EXPECTED_CAUSE = "transposed, non-contiguous view"


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    batch_size, num_tokens = token_ids.shape
    tok = token_embedding_layer(token_ids.view(-1)).view(batch_size, num_tokens, -1)
    pos = pos_embedding_layer(torch.arange(num_tokens, device=token_ids.device))
    return tok + pos
