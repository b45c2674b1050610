# Correct: a range object, not a list): range(rank, usable, world_size)
def shard_indices(num_examples, rank, world_size):
    return range(rank, num_examples // world_size * world_size, world_size)
