# MUTANT: the weights are multiplied by a float32 keep mask (1 - triu) after the softmax, which
# promotes float16/bfloat16 scores' weights to float32
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    future = torch.triu(torch.ones(n, n, device=attn_scores.device), diagonal=1)
    masked = attn_scores.masked_fill(future.bool(), -torch.inf)
    weights = torch.softmax(masked, dim=-1)
    return weights * (1 - future)


EXPECTED_CAUSE = "a step AFTER it promoted the weights"  # the check's message must name this
