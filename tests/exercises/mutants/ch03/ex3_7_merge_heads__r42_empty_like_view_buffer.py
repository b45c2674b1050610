# MUTANT: the output buffer is torch.empty_like(context_vec).view(b, num_tokens, d_out), which keeps
# the input's strides and fails for split_heads' non-contiguous output
import torch


def merge_heads(context_vec):
    b, num_heads, num_tokens, head_dim = context_vec.shape
    out = torch.empty_like(context_vec).view(b, num_tokens, num_heads * head_dim)
    for h in range(num_heads):
        out[:, :, h * head_dim:(h + 1) * head_dim] = context_vec[:, h]
    return out


EXPECTED_CAUSE = "keeps the heads' strides"  # the check's message must name this
