# MUTANT: each rank starts at rank * world_size (instead of rank), with the right step and stop
def shard_indices(num_examples, rank, world_size):
    usable = num_examples // world_size * world_size
    return list(range(rank * world_size, usable, world_size))


EXPECTED_CAUSE = "starts at r * world_size, with the right step and stop"
