# MUTANT: assumes batch 1: repeats the heads of kv[0] and adds a batch axis of one back.
import torch


def repeat_kv(kv, group_size):
    return torch.repeat_interleave(kv[0], group_size, dim=0).unsqueeze(0)


EXPECTED_CAUSE = "the code assumes batch 1"
