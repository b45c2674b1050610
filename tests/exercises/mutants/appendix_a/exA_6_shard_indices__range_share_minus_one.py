# MUTANT: one index too few per rank, range(share - 1)
def shard_indices(num_examples, rank, world_size):
    share = num_examples // world_size
    return [rank + k * world_size for k in range(share - 1)]


EXPECTED_CAUSE = "a count 1 too few"
