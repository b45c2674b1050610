# MUTANT: positions from the batch index (arange(batch_size)), unsqueezed at dim 1
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    tok = token_embedding_layer(token_ids)
    positions = torch.arange(tok.shape[0], device=token_ids.device)
    return tok + pos_embedding_layer(positions).unsqueeze(1)


EXPECTED_CAUSE = 'count the sequences'
