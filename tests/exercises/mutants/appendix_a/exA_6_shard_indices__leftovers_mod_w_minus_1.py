# MUTANT: the leftover count computed as num_examples % (world_size - 1)
def shard_indices(num_examples, rank, world_size):
    left = num_examples % (world_size - 1) if world_size > 1 else 0
    return list(range(rank, num_examples - left, world_size))


EXPECTED_CAUSE = "leaves out the wrong number of examples at the end"
