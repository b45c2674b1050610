# MUTANT: softmax first, then the future zeroed and renormalised (NaN for large future scores)
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    w = torch.softmax(attn_scores, dim=-1)
    keep = torch.tril(torch.ones(n, n, dtype=w.dtype, device=w.device))
    w = w * keep
    return w / w.sum(dim=-1, keepdim=True)


EXPECTED_CAUSE = 'underflowed to 0'  # the check's message must name this
