# MUTANT: the last index cut from ranks <= num_examples % world_size (one too many)
def shard_indices(num_examples, rank, world_size):
    result = list(range(rank, num_examples, world_size))
    if num_examples % world_size and rank <= num_examples % world_size:
        result = result[:-1]
    return result


EXPECTED_CAUSE = "up to AND including"
