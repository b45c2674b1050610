# MUTANT: position rows cast with a type string (.type(tok.type())): fails on meta or GPU
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    num_tokens = token_ids.shape[1]
    tok = token_embedding_layer(token_ids)
    pos = pos_embedding_layer(torch.arange(num_tokens, device=token_ids.device)).type(tok.type())
    return tok + pos


EXPECTED_CAUSE = 'cast with a type string'
