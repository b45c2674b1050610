# MUTANT: scores squeezed from (num_tokens, 1): with a single key the result is 0-d, not shape (1,)
import torch


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    scores = (keys @ query.unsqueeze(-1)).squeeze()
    return torch.softmax(scores / d_k**0.5, dim=-1)


EXPECTED_CAUSE = 'with a single key'  # the check's message must name this
