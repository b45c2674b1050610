# Correct: every world_size-th index from rank, cut to the share num_examples // world_size
def shard_indices(num_examples, rank, world_size):
    if not 0 <= rank < world_size:
        raise ValueError("bad rank")
    return list(range(rank, num_examples, world_size))[: num_examples // world_size]
