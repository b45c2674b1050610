# ALTERNATIVE: every rank-th index, minus the last for ranks below n % w (they hold leftovers)
import torch


def shard_indices(num_examples, rank, world_size):
    indices = list(range(rank, num_examples, world_size))
    if rank < num_examples % world_size:
        indices = indices[:-1]
    return indices
