# MUTANT: the repeated heads come back with their tokens in reverse order (a flip(2) left in)
import torch


def repeat_kv(kv, group_size):
    return torch.repeat_interleave(kv, group_size, dim=1).flip(2)


EXPECTED_CAUSE = "along dim 2 (tokens) come in reverse order"
