# MUTANT: ranks counted from 1: rank r takes indices r-1... (uses rank + 1 as offset)
def shard_indices(num_examples, rank, world_size):
    per_rank = num_examples // world_size
    return [(rank + 1) % world_size + k * world_size for k in range(per_rank)]


EXPECTED_CAUSE = 'shifted by one'
