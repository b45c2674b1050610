# MUTANT: contiguous blocks of unequal sizes (np.array_split)
import numpy as np


def shard_indices(num_examples, rank, world_size):
    return np.array_split(np.arange(num_examples), world_size)[rank].tolist()


EXPECTED_CAUSE = "np.array_split"
