# MUTANT: starts at rank * world_size with step 1 (consecutive indices)
def shard_indices(num_examples, rank, world_size):
    per_rank = num_examples // world_size
    return [rank * world_size + i for i in range(per_rank)]


EXPECTED_CAUSE = "starts at r * world_size"
