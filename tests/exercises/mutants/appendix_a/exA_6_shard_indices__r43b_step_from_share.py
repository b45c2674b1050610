# MUTANT: a step of num_examples // share instead of world_size
def shard_indices(num_examples, rank, world_size):
    share = num_examples // world_size
    step = num_examples // share
    return list(range(rank, share * world_size, step))[:share]

EXPECTED_CAUSE = "a step or a count derived from the share"
