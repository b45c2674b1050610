# Correct: the sampler's padded list cut back to num_examples // world_size per rank
def shard_indices(num_examples, rank, world_size):
    if num_examples == 0:
        return []
    per_rank = -(-num_examples // world_size)
    indices = list(range(num_examples))
    total = per_rank * world_size
    while len(indices) < total:
        indices += indices[: total - len(indices)]
    return indices[rank:total:world_size][: num_examples // world_size]
