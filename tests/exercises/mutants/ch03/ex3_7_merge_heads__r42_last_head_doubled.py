# MUTANT: the last head's slot is doubled (a residual added to the last head only)
import torch


def merge_heads(context_vec):
    b, num_heads, num_tokens, head_dim = context_vec.shape
    parts = [context_vec[:, h] for h in range(num_heads)]
    parts[-1] = parts[-1] * 2
    return torch.cat(parts, dim=-1)


EXPECTED_CAUSE = "holds twice head 2's vector"  # the check's message must name this
