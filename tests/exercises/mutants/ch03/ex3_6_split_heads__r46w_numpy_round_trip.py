# MUTANT: the split done in NumPy (.numpy(), reshape, transpose, torch.from_numpy)
import torch


def split_heads(x, num_heads):
    b, num_tokens, d_out = x.shape
    arr = x.detach().cpu().numpy().reshape(b, num_tokens, num_heads, d_out // num_heads)
    return torch.from_numpy(arr.transpose(0, 2, 1, 3).copy())


EXPECTED_CAUSE = "goes through numpy"  # the check's message must name this
