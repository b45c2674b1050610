# MUTANT: always drops world_size examples, even when they divide evenly
"""Exercise A.6 (solution): which examples each rank sees in data-parallel training.

Ours: the book has no exercise for this; it practises the appendix's code.
"""


def shard_indices(num_examples, rank, world_size):
    """Return the dataset indices that process ``rank`` of ``world_size`` trains on, the way
    ``DistributedSampler(dataset, num_replicas=world_size, rank=rank, shuffle=False,
    drop_last=True)`` chooses them.

    Every rank gets the same number of examples, ``num_examples // world_size``, and the ranks
    take turns: rank ``r`` gets indices ``r, r + world_size, r + 2 * world_size, ...``. Examples
    left over at the end (fewer than ``world_size``) go to nobody, so no two ranks share an
    example and all ranks take the same number of steps.

    Example: 5 examples on 2 ranks: rank 0 gets ``[0, 2]``, rank 1 gets ``[1, 3]``, and
    example 4 is dropped. 10 examples on 3 ranks: ``[0, 3, 6]``, ``[1, 4, 7]``, ``[2, 5, 8]``.
    """
    if not 0 <= rank < world_size:
        raise ValueError(f"rank must be in [0, {world_size}), got {rank}")
    per_rank = num_examples // world_size
    usable = num_examples - world_size
    return list(range(rank, usable, world_size))


EXPECTED_CAUSE = "even when they divide evenly"  # the check's message must name this
