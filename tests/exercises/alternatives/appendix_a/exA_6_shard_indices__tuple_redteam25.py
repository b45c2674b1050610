# Correct: a tuple of the indices (ordered, reusable, with a len, like the accepted range)
def shard_indices(num_examples, rank, world_size):
    if not 0 <= rank < world_size:
        raise ValueError('bad rank')
    usable = num_examples // world_size * world_size
    return tuple(range(rank, usable, world_size))
