# MUTANT: a block's start (rank * share) stepping by world_size, cut at num_examples (fallback)
def shard_indices(num_examples, rank, world_size):
    share = num_examples // world_size
    starts = [rank * share + i * world_size for i in range(share)]
    return [i for i in starts if i < num_examples]

EXPECTED_CAUSE = "it starts at rank * share"
