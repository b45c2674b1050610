# MUTANT: DistributedSampler without num_replicas/rank (needs an initialised process group)
import torch


def shard_indices(num_examples, rank, world_size):
    from torch.utils.data import DistributedSampler
    return list(DistributedSampler(range(num_examples), shuffle=False, drop_last=True))


EXPECTED_CAUSE = "no process group runs here"
