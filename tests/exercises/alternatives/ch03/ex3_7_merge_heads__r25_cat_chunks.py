# Correct: split into one-head chunks, concatenate along the features, drop the head dimension
import torch


def merge_heads(context_vec):
    num_heads = context_vec.shape[1]
    return torch.cat(torch.chunk(context_vec, num_heads, dim=1), dim=-1).squeeze(1)
