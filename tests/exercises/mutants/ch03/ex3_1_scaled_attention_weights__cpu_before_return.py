# MUTANT: the weights moved to the CPU with .cpu() before they are returned
import torch


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    attn_scores = keys @ query
    weights = torch.softmax(attn_scores / d_k**0.5, dim=-1)
    return weights.cpu()  # so it can be printed


EXPECTED_CAUSE = "that line calls .cpu()"
