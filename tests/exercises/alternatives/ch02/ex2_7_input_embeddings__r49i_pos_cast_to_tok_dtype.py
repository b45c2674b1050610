# Correct: the position rows cast to the token rows' dtype (a no-op for layers of one dtype)
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    num_tokens = token_ids.shape[1]
    tok = token_embedding_layer(token_ids)
    pos = pos_embedding_layer(torch.arange(num_tokens, device=token_ids.device))
    return tok + pos.to(tok.dtype)
