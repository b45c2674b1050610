# MUTANT: torch.arange with a float start gives float indices (0.0, 2.0), which cannot index a list
import torch


def shard_indices(num_examples, rank, world_size):
    usable = num_examples // world_size * world_size
    return torch.arange(float(rank), usable, world_size).tolist()


EXPECTED_CAUSE = "float indices, not ints"
