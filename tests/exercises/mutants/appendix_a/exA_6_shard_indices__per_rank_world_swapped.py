# MUTANT: per_rank and world_size swapped: rank + i * per_rank for i in range(world_size)
def shard_indices(num_examples, rank, world_size):
    per_rank = num_examples // world_size
    return [rank + i * per_rank for i in range(world_size)]


EXPECTED_CAUSE = "You swapped the share and the step"
