# MUTANT: parameters declared as (num_examples, world_size, rank)
def shard_indices(num_examples, world_size, rank):
    per_rank = num_examples // world_size
    return list(range(rank, per_rank * world_size, world_size))


EXPECTED_CAUSE = "takes its arguments in the order"
