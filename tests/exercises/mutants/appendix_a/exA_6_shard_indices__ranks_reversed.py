# MUTANT: rank r starts at world_size - 1 - r: the ranks in reverse order
def shard_indices(num_examples, rank, world_size):
    usable = num_examples // world_size * world_size
    return list(range(world_size - 1 - rank, usable, world_size))


EXPECTED_CAUSE = 'ranks come in reverse order'
