# MUTANT: "smooths" the weights towards uniform (0.9 * softmax + 0.1 / num_tokens), still summing to
# 1
import torch


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    w = torch.softmax(keys @ query / d_k**0.5, dim=-1)
    return 0.9 * w + 0.1 / keys.shape[0]


EXPECTED_CAUSE = "0.9 * the right ones"
