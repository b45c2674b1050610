# MUTANT: the last index of every rank dropped, even split or not
def shard_indices(num_examples, rank, world_size):
    return [i for i in range(num_examples) if i % world_size == rank][:-1]


EXPECTED_CAUSE = "[:-1] on every rank's indices"
