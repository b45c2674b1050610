# MUTANT: the last token gets no position row (positions for num_tokens - 1, zero-padded)
import torch

EXPECTED_CAUSE = "got no position row at all"


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    n = token_ids.shape[1]
    tok = token_embedding_layer(token_ids)
    pos = pos_embedding_layer(torch.arange(n - 1, device=token_ids.device))
    pos = torch.cat([pos, pos.new_zeros(1, pos.shape[1])])
    return tok + pos
