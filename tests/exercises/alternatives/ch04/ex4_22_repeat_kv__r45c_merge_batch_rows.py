"""Correct: batch and heads merged with reshape, rows repeated along dim 0, then split back
(batch-major order keeps each head's copies together)."""
import torch


def repeat_kv(kv, group_size):
    b, g, t, d = kv.shape
    flat = kv.reshape(b * g, t, d).repeat_interleave(group_size, dim=0)
    return flat.reshape(b, g * group_size, t, d)
