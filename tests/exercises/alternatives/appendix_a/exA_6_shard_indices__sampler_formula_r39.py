# Correct: DistributedSampler's own drop_last arithmetic, ceil((n - w) / w) on an uneven split
import math


def shard_indices(num_examples, rank, world_size):
    if not 0 <= rank < world_size:
        raise ValueError(f"rank must be in [0, {world_size}), got {rank}")
    if num_examples % world_size:
        per_rank = math.ceil((num_examples - world_size) / world_size)
    else:
        per_rank = num_examples // world_size
    total = per_rank * world_size
    return list(range(num_examples))[rank:total:world_size]
