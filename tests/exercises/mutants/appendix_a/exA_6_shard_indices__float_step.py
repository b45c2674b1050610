# MUTANT: share computed with / (a float) passed to range (crash)
def shard_indices(num_examples, rank, world_size):
    share = num_examples / world_size
    return [rank + world_size * k for k in range(share)]


EXPECTED_CAUSE = "range() got a float"
