# MUTANT: the rank added again to every index (rank r starts at 2r; a fallback names it)
def shard_indices(num_examples, rank, world_size):
    usable = num_examples // world_size * world_size
    return [i + rank for i in range(rank, usable, world_size)]

EXPECTED_CAUSE = "starts at 2 * rank"  # the check's message must name this
