# MUTANT: the usable size computed on the first call and kept in a global
EXPECTED_CAUSE = "keeps state between calls"
_usable = None


def shard_indices(num_examples, rank, world_size):
    global _usable
    if not 0 <= rank < world_size:
        raise ValueError(f"rank must be in [0, {world_size}), got {rank}")
    if _usable is None:
        _usable = num_examples // world_size * world_size
    return list(range(rank, _usable, world_size))
