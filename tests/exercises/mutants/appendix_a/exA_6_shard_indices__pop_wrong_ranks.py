# MUTANT: the extra index popped from the ranks without a leftover (rank >= n % w)
def shard_indices(num_examples, rank, world_size):
    indices = list(range(rank, num_examples, world_size))
    if num_examples % world_size and rank >= num_examples % world_size:
        indices.pop()
    return indices


EXPECTED_CAUSE = "hold a leftover to pop"
