# MUTANT: shuffles with seed 0 like DistributedSampler's default shuffle=True
import torch


def shard_indices(num_examples, rank, world_size):
    if not 0 <= rank < world_size:
        raise ValueError("bad rank")
    g = torch.Generator()
    g.manual_seed(0)
    order = torch.randperm(num_examples, generator=g).tolist()
    usable = num_examples // world_size * world_size
    return order[:usable][rank::world_size]


EXPECTED_CAUSE = 'shuffled'  # the check's message must name this
