# MUTANT: additive mask -inf * triu gives 0 * -inf = nan for the allowed entries
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    mask = torch.triu(torch.ones(n, n, device=attn_scores.device, dtype=attn_scores.dtype), 1)
    return torch.softmax(attn_scores + mask * float("-inf"), dim=-1)


EXPECTED_CAUSE = '0 * -inf = NaN'
