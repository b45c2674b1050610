# MUTANT: additive float32 -inf mask (float16 scores promoted to float32)
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    mask = torch.triu(torch.full((n, n), float('-inf'), device=attn_scores.device), diagonal=1)
    return torch.softmax(attn_scores + mask, dim=-1)


EXPECTED_CAUSE = "additive mask made in float32"  # the check's message must name this
