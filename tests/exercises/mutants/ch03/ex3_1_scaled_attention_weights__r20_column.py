# MUTANT: query unsqueezed to a column: (num_tokens, 1) weights, softmax over dim 0
import torch


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    s = keys @ query.unsqueeze(1)  # (num_tokens, 1)
    return torch.softmax(s / d_k**0.5, dim=0)


EXPECTED_CAUSE = 'you kept a column of size 1'  # the check's message must name this
