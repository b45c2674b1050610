# MUTANT: the sampler's uneven share ceil((n - w) / w) used for an even split too
import math


def shard_indices(num_examples, rank, world_size):
    per_rank = math.ceil((num_examples - world_size) / world_size)
    return list(range(rank, per_rank * world_size, world_size))


EXPECTED_CAUSE = "DistributedSampler's formula for an uneven split"
