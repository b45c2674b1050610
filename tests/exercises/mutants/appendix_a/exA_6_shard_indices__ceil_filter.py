# MUTANT: ceil share with out-of-range indices filtered out: leftovers not dropped (uneven counts)
import math


def shard_indices(num_examples, rank, world_size):
    per_rank = math.ceil(num_examples / world_size)
    indices = [rank + i * world_size for i in range(per_rank)]
    return [i for i in indices if i < num_examples]


EXPECTED_CAUSE = "rounded up (math.ceil)"
