# MUTANT: the last index of every non-empty share repeated (an append after the loop)
def shard_indices(num_examples, rank, world_size):
    per_rank = num_examples // world_size
    idx = list(range(rank, per_rank * world_size, world_size))
    if idx:
        idx.append(idx[-1])
    return idx


EXPECTED_CAUSE = 'its last index again'  # the check's message must name this
