# MUTANT: returns a generator instead of a list
def shard_indices(num_examples, rank, world_size):
    usable = num_examples // world_size * world_size
    return (i for i in range(rank, usable, world_size))


EXPECTED_CAUSE = 'can be read only once'
