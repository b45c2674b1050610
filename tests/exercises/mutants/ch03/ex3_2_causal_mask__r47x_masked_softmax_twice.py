# MUTANT: the weights masked and softmaxed a second time: still causal and summing to 1, but
# each row is flattened towards even weights.
import torch

EXPECTED_CAUSE = "passed through the softmax a second time"


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=attn_scores.device), 1)
    weights = torch.softmax(attn_scores.masked_fill(future, -torch.inf), dim=-1)
    return torch.softmax(weights.masked_fill(future, -torch.inf), dim=-1)
