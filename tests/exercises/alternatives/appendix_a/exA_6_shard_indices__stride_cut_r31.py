# Correct: the stride over every example, cut to the share size (the same indices)
def shard_indices(num_examples, rank, world_size):
    if not 0 <= rank < world_size:
        raise ValueError(f"rank must be in [0, {world_size}), got {rank}")
    return list(range(rank, num_examples, world_size))[: num_examples // world_size]
