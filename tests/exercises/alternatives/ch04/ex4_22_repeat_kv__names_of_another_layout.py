# Correct: (batch, tokens, heads, head_dim) names used consistently: an expand on dim 2.
import torch


def repeat_kv(kv, group_size):
    batch, num_tokens, num_kv, head_dim = kv.shape
    out = kv[:, :, None].expand(batch, num_tokens, group_size, num_kv, head_dim)
    return out.reshape(batch, num_tokens * group_size, num_kv, head_dim)
