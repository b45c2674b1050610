"""Mutant: rank treated as counted from 1, so rank r starts at index r - 1."""


def shard_indices(num_examples, rank, world_size):
    usable = num_examples // world_size * world_size
    return list(range(rank - 1, usable, world_size))


EXPECTED_CAUSE = "starts at index r - 1"
