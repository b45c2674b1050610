# MUTANT: negative scores clamped to 0 (relu) before the softmax
import torch


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    scores = torch.relu(keys @ query)
    return torch.softmax(scores / d_k**0.5, dim=-1)


EXPECTED_CAUSE = 'set the negative scores to 0'  # the check's message must name this
