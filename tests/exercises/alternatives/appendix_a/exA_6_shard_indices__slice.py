# Correct: slice a range with a step (no validation)
def shard_indices(num_examples, rank, world_size):
    usable = num_examples - num_examples % world_size
    return list(range(num_examples))[rank:usable:world_size]
