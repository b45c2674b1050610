# Mutant: the repeated heads detached from the graph.
import torch


def repeat_kv(kv, group_size):
    return torch.repeat_interleave(kv, group_size, dim=1).detach()


EXPECTED_CAUSE = 'carries no gradient'
