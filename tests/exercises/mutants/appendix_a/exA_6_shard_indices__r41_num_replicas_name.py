# MUTANT: parameters named after DistributedSampler (num_replicas): a keyword call fails
EXPECTED_CAUSE = "keep the stub's names"


def shard_indices(num_examples, rank, num_replicas):
    per_rank = num_examples // num_replicas
    return list(range(rank, per_rank * num_replicas, num_replicas))
