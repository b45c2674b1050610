# MUTANT: the token embeddings go through float16 and back
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    n = token_ids.shape[1]
    tok = token_embedding_layer(token_ids).half().to(token_embedding_layer.weight.dtype)
    return tok + pos_embedding_layer(torch.arange(n, device=token_ids.device))


EXPECTED_CAUSE = "token embeddings rounded to torch.float16"
