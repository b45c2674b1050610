# Correct: a stop of share * world_size + rank
def shard_indices(num_examples, rank, world_size):
    share = num_examples // world_size
    return list(range(rank, share * world_size + rank, world_size))
