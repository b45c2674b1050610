# MUTANT: returns a tensor (torch.arange) instead of a list
import torch


def shard_indices(num_examples, rank, world_size):
    if not 0 <= rank < world_size:
        raise ValueError("bad rank")
    usable = num_examples // world_size * world_size
    return torch.arange(rank, usable, world_size)


EXPECTED_CAUSE = 'torch.arange refuses'  # the check's message must name this
