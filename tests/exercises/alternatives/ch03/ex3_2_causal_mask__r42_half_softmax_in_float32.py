# Correct: float16 and bfloat16 scores softmaxed in float32, cast back to their dtype
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=attn_scores.device), diagonal=1)
    masked = attn_scores.masked_fill(future, -torch.inf)
    if masked.dtype in (torch.float16, torch.bfloat16):
        return torch.softmax(masked.float(), dim=-1).to(masked.dtype)
    return torch.softmax(masked, dim=-1)
