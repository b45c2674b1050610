# MUTANT: rank r starts at r + world_size (k counted from 1)
def shard_indices(num_examples, rank, world_size):
    share = num_examples // world_size
    return [rank + k * world_size for k in range(1, share + 1)]


EXPECTED_CAUSE = "starts one round late"
