# MUTANT: position embeddings repeated over the batch into (batch*num_tokens, emb_dim)
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    b, n = token_ids.shape
    pos = pos_embedding_layer(torch.arange(n, device=token_ids.device)).repeat(b, 1)
    return token_embedding_layer(token_ids) + pos


EXPECTED_CAUSE = 'batch_size * num_tokens = 12 rows'  # the check's message must name this
