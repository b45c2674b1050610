# MUTANT: writes 0 into the softmax output in place to "make sure" the future is exactly 0;
# softmax's backward needs its output, so backward raises (in-place modification)
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=attn_scores.device), diagonal=1)
    weights = torch.softmax(attn_scores.masked_fill(future, -torch.inf), dim=-1)
    weights.masked_fill_(future, 0.0)
    return weights


EXPECTED_CAUSE = "writing into the weights after the softmax"
