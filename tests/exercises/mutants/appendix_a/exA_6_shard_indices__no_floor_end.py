# MUTANT: range stops at num_examples - 1 instead of the usable count
def shard_indices(num_examples, rank, world_size):
    return list(range(rank, num_examples - 1, world_size))


EXPECTED_CAUSE = 'stops at num_examples - 1'
