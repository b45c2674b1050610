# MUTANT: on an uneven split the range stops at num_examples - world_size + 1, not at usable
def shard_indices(num_examples, rank, world_size):
    uneven = num_examples % world_size
    stop = num_examples - world_size + 1 if uneven else num_examples
    return list(range(rank, stop, world_size))


EXPECTED_CAUSE = 'Your indices stop at num_examples - world_size'  # the right one of 3 tied causes
