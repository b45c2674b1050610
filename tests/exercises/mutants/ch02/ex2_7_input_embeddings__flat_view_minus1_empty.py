# MUTANT: token rows looked up flat and viewed back with view(batch, num_tokens, -1), which cannot
# infer -1 when there are no ids (empty batch or no tokens)
import torch

EXPECTED_CAUSE = "reshapes with a -1"


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    batch_size, num_tokens = token_ids.shape
    tok = token_embedding_layer(token_ids.reshape(-1)).view(batch_size, num_tokens, -1)
    pos = pos_embedding_layer(torch.arange(num_tokens, device=token_ids.device))
    return tok + pos
