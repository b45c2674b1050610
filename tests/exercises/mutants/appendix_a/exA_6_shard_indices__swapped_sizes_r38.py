# MUTANT: share computed as world_size // num_examples (sizes swapped)
def shard_indices(num_examples, rank, world_size):
    per_rank = world_size // num_examples if num_examples else 0
    return [rank + i * world_size for i in range(per_rank)]

EXPECTED_CAUSE = "the two sizes swapped"
