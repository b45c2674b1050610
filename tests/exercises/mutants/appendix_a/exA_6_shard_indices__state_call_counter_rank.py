# MUTANT: the rank taken from a global call counter, not the rank argument
EXPECTED_CAUSE = "does not take the rank from its rank argument"
_next = [0]


def shard_indices(num_examples, rank, world_size):
    r = _next[0] % world_size
    _next[0] += 1
    usable = num_examples // world_size * world_size
    return list(range(r, usable, world_size))
