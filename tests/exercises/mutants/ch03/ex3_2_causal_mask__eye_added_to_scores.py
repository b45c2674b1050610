# MUTANT: torch.eye added to the masked scores (each query's own key gains 1); named by the fallback
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=attn_scores.device), diagonal=1)
    eye = torch.eye(n, device=attn_scores.device, dtype=attn_scores.dtype)
    return torch.softmax(attn_scores.masked_fill(future, -torch.inf) + eye, dim=-1)


EXPECTED_CAUSE = "on the query's own key only (distance 0, the diagonal)"
