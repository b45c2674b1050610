# MUTANT: the share as round(num_examples / world_size): rounds up past .5 (3 on 4 ranks gives 1)
def shard_indices(num_examples, rank, world_size):
    if not 0 <= rank < world_size:
        raise ValueError(f"bad rank {rank}")
    per_rank = round(num_examples / world_size)
    return list(range(rank, per_rank * world_size, world_size))


EXPECTED_CAUSE = "rounded num_examples / world_size to the nearest whole number"
