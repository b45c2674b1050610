# MUTANT: the softmax applied twice: the second one, over the weights, gives every hidden
# entry exp(0) > 0, so future keys leak although the scores were masked with -inf.
import torch

EXPECTED_CAUSE = "the softmax was applied twice"


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=attn_scores.device), 1)
    weights = torch.softmax(attn_scores.masked_fill(future, -torch.inf), dim=-1)
    return torch.softmax(weights, dim=-1)
