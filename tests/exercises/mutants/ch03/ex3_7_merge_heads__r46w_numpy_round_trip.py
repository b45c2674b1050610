# MUTANT: the merge done in NumPy (.numpy(), transpose, reshape, torch.from_numpy)
import torch


def merge_heads(context_vec):
    b, num_heads, num_tokens, head_dim = context_vec.shape
    arr = context_vec.detach().cpu().numpy().transpose(0, 2, 1, 3)
    return torch.from_numpy(arr.reshape(b, num_tokens, num_heads * head_dim).copy())


EXPECTED_CAUSE = "goes through numpy"  # the check's message must name this
