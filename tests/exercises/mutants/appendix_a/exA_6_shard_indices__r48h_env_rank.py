# MUTANT: rank and world_size read from torchrun's environment variables when they are set,
#   instead of the arguments (right only when the caller asks about its own process)
import os

EXPECTED_CAUSE = "reads rank and world_size from the environment"


def shard_indices(num_examples, rank, world_size):
    rank = int(os.environ.get("RANK", rank))
    world_size = int(os.environ.get("WORLD_SIZE", world_size))
    usable = num_examples // world_size * world_size
    return list(range(rank, usable, world_size))
