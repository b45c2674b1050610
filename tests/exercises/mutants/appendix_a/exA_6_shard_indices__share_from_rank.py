# MUTANT: a share of (num_examples - rank) // world_size for rank r
def shard_indices(num_examples, rank, world_size):
    return [rank + i * world_size for i in range((num_examples - rank) // world_size)]


EXPECTED_CAUSE = "(num_examples - rank) // world_size"  # the check's message must name this
