# MUTANT: the position rows are transposed (.T) before the sum (works only when num_tokens ==
#   emb_dim)
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    num_tokens = token_ids.shape[1]
    pos = pos_embedding_layer(torch.arange(num_tokens, device=token_ids.device)).T
    return token_embedding_layer(token_ids) + pos

EXPECTED_CAUSE = "position embeddings are transposed"
