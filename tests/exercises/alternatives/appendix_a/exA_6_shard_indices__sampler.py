# Correct: ask DistributedSampler itself (no process group needed when rank and replicas are given)
from torch.utils.data.distributed import DistributedSampler


def shard_indices(num_examples, rank, world_size):
    sampler = DistributedSampler(range(num_examples), num_replicas=world_size, rank=rank,
                                 shuffle=False, drop_last=True)
    return [int(i) for i in sampler]
