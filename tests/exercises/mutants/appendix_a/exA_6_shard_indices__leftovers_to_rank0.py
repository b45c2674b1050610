# MUTANT: the leftover examples handed to rank 0 instead of dropped
def shard_indices(num_examples, rank, world_size):
    usable = num_examples - num_examples % world_size
    indices = list(range(rank, usable, world_size))
    if rank == 0:
        indices += list(range(usable, num_examples))
    return indices


EXPECTED_CAUSE = "rank 0 also got every leftover"
