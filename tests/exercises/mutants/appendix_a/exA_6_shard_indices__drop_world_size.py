# MUTANT: on an uneven split it drops world_size examples instead of num_examples % world_size
def shard_indices(num_examples, rank, world_size):
    usable = num_examples - world_size if num_examples % world_size else num_examples
    return list(range(rank, max(usable, 0), world_size))


EXPECTED_CAUSE = "stops at num_examples - world_size, give the same"
