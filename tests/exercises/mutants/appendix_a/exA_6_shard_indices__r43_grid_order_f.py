# MUTANT: a grid of the kept indices read column-major (order="F"): contiguous blocks
import numpy as np


def shard_indices(num_examples, rank, world_size):
    usable = num_examples // world_size * world_size
    grid = np.arange(usable).reshape(-1, world_size, order="F")
    return grid[:, rank].tolist()

EXPECTED_CAUSE = "contiguous block"  # the check's message must name this
