# MUTANT: returns a set, not an ordered list


def shard_indices(num_examples, rank, world_size):
    usable = num_examples // world_size * world_size
    return set(range(rank, usable, world_size))

EXPECTED_CAUSE = "a set keeps no order"
