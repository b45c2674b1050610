# MUTANT: usable examples computed as n - n // w instead of (n // w) * w
def shard_indices(num_examples, rank, world_size):
    usable = num_examples - num_examples // world_size
    return list(range(rank, usable, world_size))


EXPECTED_CAUSE = "stops at num_examples - num_examples // world_size"
