# MUTANT: the kept indices as a (world_size, share) grid, column rank taken (shape swapped)
import torch


def shard_indices(num_examples, rank, world_size):
    if not 0 <= rank < world_size:
        raise ValueError(f"rank must be in [0, {world_size}), got {rank}")
    share = num_examples // world_size
    grid = torch.arange(share * world_size).view(world_size, share)
    return grid[:, rank].tolist() if rank < share else []

EXPECTED_CAUSE = "the grid's shape is swapped"
