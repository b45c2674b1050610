# Mutant: result cast to half to save memory
import torch


def repeat_kv(kv, group_size):
    """Repeat each key/value head ``group_size`` times along the head dimension.

    ``kv``: ``(batch, num_kv_groups, num_tokens, head_dim)`` -> ``(batch, num_kv_groups *
    group_size, num_tokens, head_dim)``, in the order query heads read them: query head ``h``
    uses key/value head ``h // group_size``, so heads ``0 .. group_size - 1`` all get K/V head
    0. Example: heads ``[A, B]`` with ``group_size=2`` become ``[A, A, B, B]`` (not
    ``[A, B, A, B]``).
    """
    return torch.repeat_interleave(kv, group_size, dim=1).half()


EXPECTED_CAUSE = 'the heads were cast'
