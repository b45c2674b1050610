# Mutant: the repeat computed under torch.no_grad().
import torch


def repeat_kv(kv, group_size):
    with torch.no_grad():
        return torch.repeat_interleave(kv, group_size, dim=1)


EXPECTED_CAUSE = 'carries no gradient'
