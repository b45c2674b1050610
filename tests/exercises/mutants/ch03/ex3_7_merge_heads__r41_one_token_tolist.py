# MUTANT: one token rebuilt with torch.tensor(....tolist()): float32, CPU and no autograd
import torch


def merge_heads(context_vec):
    b, num_heads, num_tokens, head_dim = context_vec.shape
    if num_tokens == 1:
        return torch.tensor(context_vec.reshape(b, 1, -1).tolist())
    return context_vec.transpose(1, 2).reshape(b, num_tokens, num_heads * head_dim)


EXPECTED_CAUSE = "treats a single token differently"
