# MUTANT: results cached by id(attn_scores): a new tensor that reuses a freed tensor's address gets
# the old weights
import torch

_cache = {}


def causal_attention_weights(attn_scores):
    key = (id(attn_scores), tuple(attn_scores.shape))
    if key in _cache:
        return _cache[key]
    n = attn_scores.shape[-1]
    future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=attn_scores.device), diagonal=1)
    out = torch.softmax(attn_scores.masked_fill(future, -torch.inf), dim=-1)
    _cache[key] = out
    return out


EXPECTED_CAUSE = "keeps state between calls"  # the check's message must name this
