# Correct: a tuple of the indices (a sequence like the list: len, indexing, iteration)
def shard_indices(num_examples, rank, world_size):
    usable = num_examples // world_size * world_size
    return tuple(range(rank, usable, world_size))
