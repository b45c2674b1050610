# MUTANT: left-over examples dropped from the front instead of the end
def shard_indices(num_examples, rank, world_size):
    start = num_examples % world_size
    return list(range(start + rank, num_examples, world_size))


EXPECTED_CAUSE = 'leftover examples from the front'
