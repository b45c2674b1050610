# MUTANT: hard-coded step 2 (the book's two ranks) instead of world_size
def shard_indices(num_examples, rank, world_size):
    usable = num_examples // world_size * world_size
    return list(range(rank, usable, 2))


EXPECTED_CAUSE = 'fixed 2'
