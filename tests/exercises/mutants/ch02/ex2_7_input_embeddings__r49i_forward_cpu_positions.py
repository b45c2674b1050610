# MUTANT: layer.forward() with CPU positions (no hook sees them; F.embedding devices differ)
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    num_tokens = token_ids.shape[1]
    tok = token_embedding_layer.forward(token_ids)
    pos = pos_embedding_layer.forward(torch.arange(num_tokens))
    return tok + pos


EXPECTED_CAUSE = "with indices on cpu"  # the check's message must name this
