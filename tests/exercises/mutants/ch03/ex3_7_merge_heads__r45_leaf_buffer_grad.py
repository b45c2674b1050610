# MUTANT: the output buffer is made with requires_grad=True, so writing the heads into it
# in place fails
import torch


def merge_heads(context_vec):
    b, num_heads, num_tokens, head_dim = context_vec.shape
    out = torch.zeros(b, num_tokens, num_heads * head_dim, dtype=context_vec.dtype,
                      device=context_vec.device, requires_grad=True)
    for h in range(num_heads):
        out[:, :, h * head_dim:(h + 1) * head_dim] = context_vec[:, h]
    return out

EXPECTED_CAUSE = "made with requires_grad=True"
