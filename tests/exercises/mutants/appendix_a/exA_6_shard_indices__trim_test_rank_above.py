# MUTANT: the last index cut from the ranks above num_examples % world_size (inverted)
EXPECTED_CAUSE = "your leftover trim is inverted"
def shard_indices(num_examples, rank, world_size):
    if not 0 <= rank < world_size:
        raise ValueError(f"rank must be in [0, {world_size}), got {rank}")
    indices = list(range(rank, num_examples, world_size))
    if rank > num_examples % world_size:
        indices = indices[:-1]
    return indices
