# Correct: a column of the (share, world_size) grid of the usable indices, as a list of ints
import torch


def shard_indices(num_examples, rank, world_size):
    if not 0 <= rank < world_size:
        raise ValueError(f"rank must be in [0, {world_size}), got {rank}")
    usable = num_examples // world_size * world_size
    return torch.arange(usable).view(-1, world_size)[:, rank].tolist()
