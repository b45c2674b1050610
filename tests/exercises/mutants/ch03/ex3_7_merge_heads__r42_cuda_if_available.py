# MUTANT: the merged result is moved to CUDA with .cuda() when a GPU is available
import torch


def merge_heads(context_vec):
    b, num_heads, num_tokens, head_dim = context_vec.shape
    out = context_vec.transpose(1, 2).contiguous().view(b, num_tokens, num_heads * head_dim)
    return out.cuda() if torch.cuda.is_available() else out


EXPECTED_CAUSE = "moves tensors to the GPU when one is available"
