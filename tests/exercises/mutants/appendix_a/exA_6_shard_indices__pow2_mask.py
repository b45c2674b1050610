# MUTANT: usable count by a bit mask n & ~(w - 1), right only when world_size is a power of two
EXPECTED_CAUSE = 'with a bit mask, num_examples & ~(world_size - 1)'


def shard_indices(num_examples, rank, world_size):
    usable = num_examples & ~(world_size - 1)
    return list(range(rank, usable, world_size))
