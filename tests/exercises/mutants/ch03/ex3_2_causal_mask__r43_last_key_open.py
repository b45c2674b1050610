# MUTANT: the last key is never hidden: the mask stops one column early (cols < n - 1)
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    rows = torch.arange(n, device=attn_scores.device)[:, None]
    cols = torch.arange(n, device=attn_scores.device)[None, :]
    future = (cols > rows) & (cols < n - 1)
    return torch.softmax(attn_scores.masked_fill(future, -torch.inf), dim=-1)


EXPECTED_CAUSE = "a mask one column short"  # the check's message must name this
