# MUTANT: ranks chosen by i % share == rank, the share where world_size belongs (round 44)
def shard_indices(num_examples, rank, world_size):
    if not 0 <= rank < world_size:
        raise ValueError(f"rank must be in [0, {world_size}), got {rank}")
    per_rank = num_examples // world_size
    usable = per_rank * world_size
    if per_rank == 0:
        return []
    return [i for i in range(usable) if i % per_rank == rank]
EXPECTED_CAUSE = "i % (num_examples // world_size) == rank"
