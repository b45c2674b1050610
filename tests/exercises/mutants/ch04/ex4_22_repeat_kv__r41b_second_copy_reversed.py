# MUTANT: the second and later copies of each head hold its tokens in reverse order
import torch


def repeat_kv(kv, group_size):
    copies = [kv if j == 0 else kv.flip(2) for j in range(group_size)]
    return torch.stack(copies, dim=2).flatten(1, 2)
EXPECTED_CAUSE = "with its tokens in reverse order"
