# MUTANT: indices in reverse order
def shard_indices(num_examples, rank, world_size):
    usable = num_examples // world_size * world_size
    return list(range(rank, usable, world_size))[::-1]


EXPECTED_CAUSE = 'descending order'
