# MUTANT: ranks holding an extra example drop their FIRST index (pop(0)) instead of the last one
def shard_indices(num_examples, rank, world_size):
    indices = list(range(rank, num_examples, world_size))
    if len(indices) > num_examples // world_size:
        indices.pop(0)
    return indices


EXPECTED_CAUSE = "drop their FIRST index"
