# MUTANT: rank and world_size swapped in range(): start world_size, step rank


def shard_indices(num_examples, rank, world_size):
    usable = num_examples // world_size * world_size
    return list(range(world_size, usable, rank))

EXPECTED_CAUSE = "rank and world_size swapped"
