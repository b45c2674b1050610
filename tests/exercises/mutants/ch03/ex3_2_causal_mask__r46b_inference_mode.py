# MUTANT: weights computed under torch.inference_mode(): cut from autograd
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    with torch.inference_mode():
        future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=attn_scores.device), 1)
        return torch.softmax(attn_scores.masked_fill(future, -torch.inf), dim=-1)

EXPECTED_CAUSE = "torch.inference_mode()"
