# MUTANT: a sanity check compares the sum with torch.tensor(1.0) (float32): float64 crashes
import torch


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    attn_scores = keys @ query
    weights = torch.softmax(attn_scores / d_k**0.5, dim=-1)
    assert torch.isclose(weights.sum(), torch.tensor(1.0)), "weights must sum to 1"
    return weights


EXPECTED_CAUSE = "a torch.tensor(1.0) compared with the sum?"
