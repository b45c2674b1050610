# MUTANT: query unsqueezed to (1, d_k) and never squeezed: result has shape (1, num_tokens)
import torch


def attention_weights_for_query(query, keys):
    scores = query.unsqueeze(0) @ keys.T  # (1, num_tokens)
    return torch.softmax(scores / keys.shape[-1] ** 0.5, dim=-1)


EXPECTED_CAUSE = 'kept a dimension of size 1'
