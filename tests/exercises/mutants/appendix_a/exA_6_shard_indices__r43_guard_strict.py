# MUTANT: a guard num_examples > world_size where >= belongs (one example per rank)
def shard_indices(num_examples, rank, world_size):
    if num_examples > world_size:
        usable = num_examples - num_examples % world_size
    else:
        usable = 0
    return list(range(rank, usable, world_size))

EXPECTED_CAUSE = "where >= belongs"  # the check's message must name this
