# MUTANT: ids taken as (num_tokens, batch) when the first size is the larger one
import torch

EXPECTED_CAUSE = 'a layout guessed from the sizes'


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    tokens_first = token_ids.shape[0] > token_ids.shape[1]
    ids = token_ids.T if tokens_first else token_ids  # (batch, num_tokens)
    positions = torch.arange(ids.shape[1], device=token_ids.device)
    out = token_embedding_layer(ids) + pos_embedding_layer(positions)
    return out.transpose(0, 1) if tokens_first else out
