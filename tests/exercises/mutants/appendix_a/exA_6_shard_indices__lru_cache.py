# MUTANT: lru_cache hands every caller the same list object: a caller's edit changes later answers
from functools import lru_cache


@lru_cache(maxsize=128)
def shard_indices(num_examples, rank, world_size):
    usable = num_examples // world_size * world_size
    return list(range(rank, usable, world_size))


EXPECTED_CAUSE = 'same list object'  # the check's message must name this
