# MUTANT: repeat_interleave given output_size=2 * kv.shape[1] (right for group_size 2 only)
import torch

EXPECTED_CAUSE = "a fixed multiple such as 2 * kv.shape[1] fits group_size 2 only"


def repeat_kv(kv, group_size):
    return torch.repeat_interleave(kv, group_size, dim=1, output_size=2 * kv.shape[1])
