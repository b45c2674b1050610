# MUTANT: scores kept as a (num_tokens, 1) column, softmax over the size-1 dim gives ones
import torch


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    scores = keys @ query.unsqueeze(-1)  # (n, 1)
    return torch.softmax(scores / d_k**0.5, dim=-1).squeeze(-1)


EXPECTED_CAUSE = "a dimension of size 1"  # the check's message must name this
