# MUTANT: a step of world_size - 1 (ranks counted as 0-based twice)
def shard_indices(num_examples, rank, world_size):
    share = num_examples // world_size
    return [rank + k * (world_size - 1) for k in range(share)]


EXPECTED_CAUSE = "steps by world_size - 1"
