# Correct: each batch row's heads repeated in place on their own (dim 0 of the row), the rows
# stacked back into a batch.
import torch


def repeat_kv(kv, group_size):
    return torch.stack([row.repeat_interleave(group_size, dim=0) for row in kv])
