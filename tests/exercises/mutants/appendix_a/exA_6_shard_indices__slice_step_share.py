# MUTANT: the leftovers cut right, but the slice steps by the share size
def shard_indices(num_examples, rank, world_size):
    per_rank = num_examples // world_size
    total = num_examples - num_examples % world_size
    return list(range(num_examples))[rank:total:max(per_rank, 1)]


EXPECTED_CAUSE = "step is num_examples // world_size, the share size"  # must name this
