# MUTANT: every rank gets at least one example (max(1, ...))
def shard_indices(num_examples, rank, world_size):
    per_rank = max(1, num_examples // world_size)
    return [rank + i * world_size for i in range(per_rank)]


EXPECTED_CAUSE = 'at least one example'
