# MUTANT: a step of 2 * world_size (every other round skipped; named by the shares' pattern)
def shard_indices(num_examples, rank, world_size):
    if not 0 <= rank < world_size:
        raise ValueError(f"rank must be in [0, {world_size}), got {rank}")
    usable = num_examples // world_size * world_size
    return list(range(rank, usable, 2 * world_size))

EXPECTED_CAUSE = "step by 2 * world_size"
