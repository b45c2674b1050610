# MUTANT: the loop over K/V heads starts at 1, so head 0 is dropped
import torch


def repeat_kv(kv, group_size):

    parts = [kv[:, h : h + 1].expand(-1, group_size, -1, -1) for h in range(1, kv.shape[1])]
    if not parts:
        return kv.repeat_interleave(group_size, dim=1)
    return torch.cat(parts, dim=1)


EXPECTED_CAUSE = "K/V head 0 is left out"
