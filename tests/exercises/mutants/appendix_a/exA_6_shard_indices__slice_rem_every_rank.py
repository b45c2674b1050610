"""Mutant: the num_examples % world_size leftovers cut off every rank's list."""


def shard_indices(num_examples, rank, world_size):
    return list(range(rank, num_examples, world_size))[:-(num_examples % world_size) or None]


EXPECTED_CAUSE = "off EVERY rank's list"
