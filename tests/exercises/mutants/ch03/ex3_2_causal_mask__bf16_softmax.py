# MUTANT: the softmax computed in bfloat16 and cast back
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=attn_scores.device), 1)
    masked = attn_scores.masked_fill(future, -torch.inf)
    return torch.softmax(masked.to(torch.bfloat16), dim=-1).to(attn_scores.dtype)


EXPECTED_CAUSE = "computed in torch.bfloat16 and cast back"
