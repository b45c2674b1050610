# MUTANT: the loop over K/V heads stops one short, the last head dropped
import torch


def repeat_kv(kv, group_size):
    parts = [kv[:, h : h + 1].expand(-1, group_size, -1, -1) for h in range(kv.shape[1] - 1)]
    if not parts:
        return kv.repeat_interleave(group_size, dim=1)
    return torch.cat(parts, dim=1)


EXPECTED_CAUSE = "the last K/V head, 1, is left out"
