# MUTANT: steps by the per-rank share (num_examples // world_size) instead of by world_size
def shard_indices(num_examples, rank, world_size):
    per_rank = num_examples // world_size
    return list(range(rank, per_rank * world_size, per_rank))

EXPECTED_CAUSE = "A step of 0"
