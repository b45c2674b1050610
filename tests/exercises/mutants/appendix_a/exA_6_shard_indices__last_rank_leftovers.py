# MUTANT: the last rank takes the leftover examples (unequal shares)
def shard_indices(num_examples, rank, world_size):
    per_rank = num_examples // world_size
    idx = list(range(rank, per_rank * world_size, world_size))
    if rank == world_size - 1:
        idx += list(range(per_rank * world_size, num_examples))
    return idx


EXPECTED_CAUSE = "The last rank also took the leftover"
