# MUTANT: a whole round dropped on an even split (num_examples % world_size or world_size)
def shard_indices(num_examples, rank, world_size):
    drop = num_examples % world_size or world_size
    return list(range(rank, num_examples - drop, world_size))


EXPECTED_CAUSE = 'dropping a whole round'  # the check's message must name this
