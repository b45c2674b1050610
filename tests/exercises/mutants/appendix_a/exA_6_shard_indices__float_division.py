# MUTANT: true division: num_examples / world_size * world_size is num_examples again


def shard_indices(num_examples, rank, world_size):
    usable = int(num_examples / world_size * world_size)
    return list(range(rank, usable, world_size))

EXPECTED_CAUSE = "With true division"
