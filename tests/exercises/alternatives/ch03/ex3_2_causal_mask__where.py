# Correct: torch.where with a lower-triangular "allowed" mask, F.softmax
import torch
import torch.nn.functional as F


def causal_attention_weights(attn_scores):
    n = attn_scores.size(-1)
    allowed = torch.ones(n, n, dtype=torch.bool, device=attn_scores.device).tril()
    neg_inf = torch.tensor(float("-inf"), dtype=attn_scores.dtype, device=attn_scores.device)
    return F.softmax(torch.where(allowed, attn_scores, neg_inf), dim=-1)
