# MUTANT: when the split is uneven, drops the last index of EVERY rank (also ranks that got no
# extra example)
def shard_indices(num_examples, rank, world_size):
    indices = list(range(rank, num_examples, world_size))
    if num_examples % world_size:
        indices = indices[:-1]
    return indices


EXPECTED_CAUSE = 'last index of EVERY rank'  # the check's message must name this
