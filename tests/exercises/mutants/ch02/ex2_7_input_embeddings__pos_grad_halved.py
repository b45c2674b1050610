# MUTANT: half of the position rows detached: right values, half the gradient
import torch

EXPECTED_CAUSE = "scaled or detached in part on its way back"


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    num_tokens = token_ids.shape[1]
    tok = token_embedding_layer(token_ids)
    pos = pos_embedding_layer(torch.arange(num_tokens, device=token_ids.device))
    pos = 0.5 * pos + 0.5 * pos.detach()
    return tok + pos
