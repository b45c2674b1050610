# MUTANT: softmax, zero the future, then renormalise by the column sums (sum(dim=0))
import torch

EXPECTED_CAUSE = "renormalised with sum(dim=0)"


def causal_attention_weights(attn_scores):
    num_tokens = attn_scores.shape[-1]
    weights = torch.softmax(attn_scores, dim=-1)
    mask_simple = torch.tril(torch.ones(num_tokens, num_tokens, device=attn_scores.device))
    masked_simple = weights * mask_simple
    return masked_simple / masked_simple.sum(dim=0, keepdim=True)
