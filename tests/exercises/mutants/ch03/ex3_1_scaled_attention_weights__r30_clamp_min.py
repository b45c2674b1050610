# MUTANT: small weights raised to 0.12 after the softmax (a clamp "so no key is ignored");
# no replay matches: the fallback names the only key that differs
import torch

EXPECTED_CAUSE = "only key(s) [4] of 6 differ"


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    return torch.softmax(keys @ query / d_k**0.5, dim=-1).clamp(min=0.12)
