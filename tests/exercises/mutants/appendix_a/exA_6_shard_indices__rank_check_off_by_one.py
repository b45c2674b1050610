# MUTANT: the rank check rejects the last rank (rank < world_size - 1)
def shard_indices(num_examples, rank, world_size):
    if not 0 <= rank < world_size - 1:
        raise ValueError(f'bad rank {rank}')
    return list(range(rank, num_examples // world_size * world_size, world_size))


EXPECTED_CAUSE = "it rejects a valid one"
