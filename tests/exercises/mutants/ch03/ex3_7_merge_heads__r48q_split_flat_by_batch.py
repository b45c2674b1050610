# MUTANT: batch and heads flattened together, then split into pieces of b entries (one piece
# per head, as if head-major) and concatenated along the features
import torch


def merge_heads(context_vec):
    b, num_heads, num_tokens, head_dim = context_vec.shape
    flat = context_vec.reshape(b * num_heads, num_tokens, head_dim)
    return torch.cat(flat.split(b, dim=0), dim=-1)


EXPECTED_CAUSE = "then cut as if the heads came first"
