# MUTANT: a share rounded up with -(-n // w), past-the-end indices filtered
def shard_indices(num_examples, rank, world_size):
    stop = -(-num_examples // world_size) * world_size
    return [i for i in range(rank, stop, world_size) if i < num_examples]


EXPECTED_CAUSE = "every index below num_examples"
