# MUTANT: stacks the head chunks on dim 0 then views (b, h, ...): batches mixed for b > 1
import torch


def split_heads(x, num_heads):
    b, num_tokens, d_out = x.shape
    heads = torch.stack(x.chunk(num_heads, dim=-1), dim=0)  # (h, b, t, hd)
    return heads.reshape(b, num_heads, num_tokens, d_out // num_heads)


EXPECTED_CAUSE = 'in front of the batch'  # the check's message must name this
