# MUTANT: result squeezed: a batch of one loses its batch dimension
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    num_tokens = token_ids.shape[1]
    tok = token_embedding_layer(token_ids)
    pos = pos_embedding_layer(torch.arange(num_tokens, device=token_ids.device))
    return (tok + pos).squeeze()


EXPECTED_CAUSE = 'you squeezed the result'  # the check's message must name this
