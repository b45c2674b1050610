# MUTANT: token embeddings centred by their mean over the sequence before the positions are added
import torch

EXPECTED_CAUSE = "was subtracted from your token embeddings"


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    tok = token_embedding_layer(token_ids)
    tok = tok - tok.mean(dim=1, keepdim=True)
    pos = pos_embedding_layer(torch.arange(token_ids.shape[1], device=token_ids.device))
    return tok + pos
