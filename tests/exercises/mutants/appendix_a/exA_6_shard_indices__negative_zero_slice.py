# MUTANT: slice end -(n % w) is -0 == 0 when n divides evenly: every rank gets nothing
def shard_indices(num_examples, rank, world_size):
    indices = list(range(num_examples))
    return indices[rank:-(num_examples % world_size):world_size]


EXPECTED_CAUSE = "stops at -0"
