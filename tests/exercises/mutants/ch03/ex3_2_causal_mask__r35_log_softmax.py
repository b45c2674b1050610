# MUTANT: log_softmax instead of softmax (log-probabilities, hidden entries -inf)
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=attn_scores.device), diagonal=1)
    return torch.log_softmax(attn_scores.masked_fill(future, -torch.inf), dim=-1)

EXPECTED_CAUSE = "logarithms of the right ones"
