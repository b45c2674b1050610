# MUTANT: the share as round(n / w - 0.5): one short when n / w is an odd whole number
def shard_indices(num_examples, rank, world_size):
    per_rank = round(num_examples / world_size - 0.5)
    return list(range(rank, per_rank * world_size, world_size))


EXPECTED_CAUSE = 'a floor written with round()'  # the check's message must name this
