# MUTANT: list(torch.arange(...)) with a guarded stop: a list of 0-d tensors
import torch


def shard_indices(num_examples, rank, world_size):
    per_rank = num_examples // world_size
    return list(torch.arange(rank, max(rank, per_rank * world_size), world_size))


EXPECTED_CAUSE = "list of torch.Tensor"  # the check's message must name this
