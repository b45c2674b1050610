# MUTANT: range(rank, usable) without the step world_size (fallback: consecutive indices)
def shard_indices(num_examples, rank, world_size):
    usable = num_examples // world_size * world_size
    return list(range(rank, usable))

EXPECTED_CAUSE = "your range has no step"
