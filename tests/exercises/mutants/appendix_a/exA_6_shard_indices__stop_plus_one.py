# MUTANT: range stops one past the usable count, so rank 0 can get a leftover example
def shard_indices(num_examples, rank, world_size):
    usable = (num_examples // world_size) * world_size
    return list(range(rank, usable + 1, world_size))

EXPECTED_CAUSE = "one index late"
