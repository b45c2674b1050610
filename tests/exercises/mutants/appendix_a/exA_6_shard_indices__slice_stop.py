# MUTANT: slice stop where the step belongs: indices[rank:world_size]
def shard_indices(num_examples, rank, world_size):
    usable = num_examples // world_size * world_size
    return list(range(usable))[rank:world_size]


EXPECTED_CAUSE = "[rank:world_size]"
