# MUTANT: the mask hides the diagonal; nan_to_num turns the hidden row 0 into 0s
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=attn_scores.device), diagonal=0)
    masked = attn_scores.masked_fill(future, -torch.inf)
    return torch.softmax(masked, dim=-1).nan_to_num(0.0)

EXPECTED_CAUSE = "the fully hidden row 0 then turned into 0s"
