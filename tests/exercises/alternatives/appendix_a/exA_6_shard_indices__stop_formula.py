# Correct: range stops at num_examples - world_size + rank + 1
def shard_indices(num_examples, rank, world_size):
    return list(range(rank, num_examples - world_size + rank + 1, world_size))
