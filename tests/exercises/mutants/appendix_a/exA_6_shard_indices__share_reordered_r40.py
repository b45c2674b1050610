# MUTANT: each share reordered by index % 3
def shard_indices(num_examples, rank, world_size):
    per_rank = num_examples // world_size
    return sorted(range(rank, per_rank * world_size, world_size), key=lambda i: (i % 3, i))


EXPECTED_CAUSE = 'its right indices in another order'  # the check's message must name this
