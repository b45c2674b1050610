# MUTANT: the scores are moved to CUDA when a GPU is available
import torch


def causal_attention_weights(attn_scores):
    if torch.cuda.is_available():
        attn_scores = attn_scores.cuda()
    n = attn_scores.shape[-1]
    future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=attn_scores.device), diagonal=1)
    return torch.softmax(attn_scores.masked_fill(future, -torch.inf), dim=-1)


EXPECTED_CAUSE = "to the GPU when one is available"  # the check's message must name this
