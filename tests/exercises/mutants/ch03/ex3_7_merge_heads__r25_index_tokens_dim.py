# MUTANT: loops over dim 2 (tokens) instead of dim 1 (heads) when concatenating
import torch


def merge_heads(context_vec):
    num_heads = context_vec.shape[1]
    return torch.cat([context_vec[:, :, h, :] for h in range(num_heads)], dim=-1)


EXPECTED_CAUSE = 'indexed dim 2 (the tokens) with the head index'
