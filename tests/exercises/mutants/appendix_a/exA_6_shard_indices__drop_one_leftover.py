# MUTANT: drops only one leftover example, not all num_examples % world_size of them
def shard_indices(num_examples, rank, world_size):
    if num_examples % world_size:
        num_examples -= 1
    return list(range(rank, num_examples, world_size))

EXPECTED_CAUSE = "only one leftover"
