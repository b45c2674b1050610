# MUTANT: share computed with % instead of //
def shard_indices(num_examples, rank, world_size):
    per_rank = num_examples % world_size
    return [rank + i * world_size for i in range(per_rank)]


EXPECTED_CAUSE = "Your share is num_examples % world_size"
