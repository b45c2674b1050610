# MUTANT: list(np.arange(...)): a list of NumPy int64 scalars, not Python ints
import numpy as np


def shard_indices(num_examples, rank, world_size):
    per_rank = num_examples // world_size
    return list(np.arange(rank, per_rank * world_size, world_size))


EXPECTED_CAUSE = "not of Python ints"  # the check's message must name this
