# MUTANT: drops world_size - remainder examples (the padding amount) instead of the remainder
def shard_indices(num_examples, rank, world_size):
    usable = num_examples - (world_size - num_examples % world_size)
    return list(range(rank, usable, world_size))


EXPECTED_CAUSE = 'padding sampler would add'
