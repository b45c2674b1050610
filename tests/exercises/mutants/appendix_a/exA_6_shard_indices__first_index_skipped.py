# MUTANT: each rank's first index skipped (fallback: rank by rank)
def shard_indices(num_examples, rank, world_size):
    usable = num_examples // world_size * world_size
    return list(range(rank, usable, world_size))[1:]

EXPECTED_CAUSE = "its first index missing"
