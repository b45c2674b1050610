# MUTANT: the leftovers computed as world_size % num_examples
def shard_indices(num_examples, rank, world_size):
    usable = num_examples - world_size % num_examples
    return list(range(rank, usable, world_size))


EXPECTED_CAUSE = "operands of % swapped"  # the check's message must name this
