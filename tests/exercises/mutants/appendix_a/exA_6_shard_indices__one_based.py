# MUTANT: 1-based dataset indices (range(rank + 1, usable + 1, ...)): every index one too high
def shard_indices(num_examples, rank, world_size):
    usable = num_examples // world_size * world_size
    return list(range(rank + 1, usable + 1, world_size))


EXPECTED_CAUSE = 'indices count from 1'  # the check's message must name this
