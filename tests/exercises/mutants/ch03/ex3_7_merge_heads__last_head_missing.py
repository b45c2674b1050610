# MUTANT: off by one: range(num_heads - 1) leaves out the last head
import torch


def merge_heads(context_vec):
    h = context_vec.shape[1]
    return torch.cat([context_vec[:, i] for i in range(h - 1)], dim=-1)


EXPECTED_CAUSE = 'one head is missing'
