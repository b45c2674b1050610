# MUTANT: the loop over K/V heads runs over range(len(kv)), the batch size
import torch


def repeat_kv(kv, group_size):
    pieces = []
    for g in range(len(kv)):
        head = kv[:, g : g + 1]
        pieces.append(head.expand(-1, group_size, -1, -1))
    return torch.cat(pieces, dim=1)


EXPECTED_CAUSE = "runs over the batch (dim 0), not over the K/V heads"
