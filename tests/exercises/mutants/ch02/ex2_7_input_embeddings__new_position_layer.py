# MUTANT: a fresh nn.Embedding is made instead of using the given pos_embedding_layer
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    n = token_ids.shape[1]
    emb_dim = token_embedding_layer.embedding_dim
    pos_layer = torch.nn.Embedding(pos_embedding_layer.num_embeddings, emb_dim)
    return token_embedding_layer(token_ids) + pos_layer(torch.arange(n, device=token_ids.device))


EXPECTED_CAUSE = 'new nn.Embedding'  # the check's message must name this
