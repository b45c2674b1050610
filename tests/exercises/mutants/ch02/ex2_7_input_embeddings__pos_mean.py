# MUTANT: the mean of the position rows added to every token
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    num_tokens = token_ids.shape[1]
    tok = token_embedding_layer(token_ids)
    pos = pos_embedding_layer(torch.arange(num_tokens, device=token_ids.device))
    return tok + pos.mean(dim=0)


EXPECTED_CAUSE = 'MEAN of the position rows'  # the check's message must name this
