# MUTANT: nanoGPT's (1, 1, n, n) tril mask compared with == 0: masked_fill broadcasts 2-D and
# 3-D scores up to 4-D weights
import torch

EXPECTED_CAUSE = "is your mask 4-D (such as nanoGPT's bias buffer"


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    bias = torch.tril(torch.ones(n, n, device=attn_scores.device)).view(1, 1, n, n)
    return torch.softmax(attn_scores.masked_fill(bias == 0, float("-inf")), dim=-1)
