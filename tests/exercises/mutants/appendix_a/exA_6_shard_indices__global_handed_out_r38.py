# MUTANT: a global set of handed-out indices: a second call finds them taken
_handed_out = set()


def shard_indices(num_examples, rank, world_size):
    usable = num_examples // world_size * world_size
    result = []
    for index in range(rank, usable, world_size):
        if index not in _handed_out:
            _handed_out.add(index)
            result.append(index)
    return result

EXPECTED_CAUSE = "keeps state between calls"
