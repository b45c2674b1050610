# MUTANT: raises ValueError when there are fewer examples than ranks (every rank should get [])
def shard_indices(num_examples, rank, world_size):
    if not 0 <= rank < world_size:
        raise ValueError('bad rank')
    if num_examples < world_size:
        raise ValueError('not enough examples for every rank')
    usable = num_examples // world_size * world_size
    return list(range(rank, usable, world_size))

EXPECTED_CAUSE = "fewer examples (3) than ranks (4)"
