# MUTANT: when num_examples < world_size nothing is dropped (each rank < n gets one)
def shard_indices(num_examples, rank, world_size):
    usable = num_examples
    if num_examples >= world_size:
        usable = (num_examples // world_size) * world_size
    return list(range(rank, usable, world_size))


EXPECTED_CAUSE = "only when there are at least as many examples as ranks"
