# MUTANT: stop at rank + share * world_size - 1: fine for world_size > 1, but with one rank the
#   last example is lost
EXPECTED_CAUSE = 'Your range stops at rank + share * world_size - 1'


def shard_indices(num_examples, rank, world_size):
    share = num_examples // world_size
    return list(range(rank, rank + share * world_size - 1, world_size))
