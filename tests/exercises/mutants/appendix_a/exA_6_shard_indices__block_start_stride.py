# MUTANT: a block's start with a step of world_size
def shard_indices(num_examples, rank, world_size):
    per_rank = num_examples // world_size
    return [rank * per_rank + k * world_size for k in range(per_rank)]


EXPECTED_CAUSE = "where its block would start"
