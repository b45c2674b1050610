# MUTANT: num_tokens read as len(token_ids[0]): an empty batch raises IndexError
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    num_tokens = len(token_ids[0])
    tok = token_embedding_layer(token_ids)
    pos = pos_embedding_layer(torch.arange(num_tokens, device=token_ids.device))
    return tok + pos

EXPECTED_CAUSE = "reads the first sequence"
