# MUTANT: batch and heads flattened together (sequence-major), then chunked into num_heads
# pieces as if the heads came first, and the pieces concatenated along the features
import torch


def merge_heads(context_vec):
    b, num_heads, num_tokens, head_dim = context_vec.shape
    flat = context_vec.reshape(b * num_heads, num_tokens, head_dim)
    heads = torch.chunk(flat, num_heads, dim=0)  # one piece per head
    return torch.cat(heads, dim=-1)


EXPECTED_CAUSE = "batch and head dimensions were flattened together"
