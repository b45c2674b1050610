# MUTANT: returns a NumPy array (np.arange) instead of a list of ints
import numpy as np


def shard_indices(num_examples, rank, world_size):
    per_rank = num_examples // world_size
    return np.arange(rank, per_rank * world_size, world_size)


EXPECTED_CAUSE = 'numpy.ndarray'
