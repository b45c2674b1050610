# MUTANT: batch rows joined from 1 on, row 0 appended last
import torch


def repeat_kv(kv, group_size):
    rows = [kv[i : i + 1] for i in range(1, kv.shape[0])] + [kv[:1]]
    return torch.repeat_interleave(torch.cat(rows), group_size, dim=1)


EXPECTED_CAUSE = "the batch rows were reordered"
