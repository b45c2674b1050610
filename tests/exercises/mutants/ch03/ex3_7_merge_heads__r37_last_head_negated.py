# MUTANT: the last head's vectors negated while merging (a sign slip)
import torch


def merge_heads(context_vec):
    b, h, t, hd = context_vec.shape
    parts = [context_vec[:, i] for i in range(h - 1)] + [-context_vec[:, h - 1]]
    return torch.cat(parts, dim=-1)

EXPECTED_CAUSE = "in head 2's slot, every value has the opposite sign"
