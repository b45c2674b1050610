# MUTANT: share computed as (num_examples - 1) // world_size
def shard_indices(num_examples, rank, world_size):
    share = (num_examples - 1) // world_size
    return [rank + k * world_size for k in range(share)]


EXPECTED_CAUSE = '(num_examples - 1) // world_size'
