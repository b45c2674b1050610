# MUTANT: a (share, world_size) grid of the indices, row `rank` taken (not column)
import numpy as np


def shard_indices(num_examples, rank, world_size):
    share = num_examples // world_size
    grid = np.arange(share * world_size).reshape(share, world_size)
    return grid[rank].tolist()


EXPECTED_CAUSE = "A rank's indices are its COLUMN"
