# MUTANT: the result transposed on its last two dimensions (.mT)
import torch


def repeat_kv(kv, group_size):
    return torch.repeat_interleave(kv, group_size, dim=1).mT


EXPECTED_CAUSE = "a .transpose(2, 3) or .mT too many"
