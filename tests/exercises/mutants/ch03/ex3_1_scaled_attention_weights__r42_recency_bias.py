# MUTANT: a recency bias 0.1 * position added to the scores (from a blog's ALiBi-like variant)
import torch


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    scores = keys @ query / d_k**0.5
    scores = scores + 0.1 * torch.arange(keys.shape[0], dtype=scores.dtype, device=scores.device)
    return torch.softmax(scores, dim=-1)


EXPECTED_CAUSE = "grows by 0.1 per key position"  # the check's message must name this
