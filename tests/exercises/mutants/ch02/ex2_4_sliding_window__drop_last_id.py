# MUTANT: the last id dropped before cutting (token_ids[:-1]: one window fewer at times)
"""Exercise 2.4 (solution): sliding-window inputs and targets (book §2.6).

Book exercise 2.2.
"""

import torch


def sliding_windows(token_ids, max_length, stride):
    """Cut ``token_ids`` into (input, target) windows for next-token prediction.

    Window ``k`` starts at ``k * stride`` and holds ``max_length`` ids; its target holds the
    ``max_length`` ids that start one position later. Keep only windows whose target fits inside
    ``token_ids``. Return ``(inputs, targets)``: two ``torch.long`` tensors of shape
    ``(num_windows, max_length)``.

    Example: ``sliding_windows([10, 11, 12, 13, 14, 15], max_length=2, stride=2)`` gives
    inputs ``[[10, 11], [12, 13]]`` and targets ``[[11, 12], [13, 14]]``.
    """
    inputs, targets = [], []
    token_ids = token_ids[:-1]
    for start in range(0, len(token_ids) - max_length, stride):
        inputs.append(list(token_ids[start : start + max_length]))
        targets.append(list(token_ids[start + 1 : start + max_length + 1]))
    # the reshape keeps the (0, max_length) shape when not even one window fits
    return (torch.tensor(inputs, dtype=torch.long).reshape(-1, max_length),
            torch.tensor(targets, dtype=torch.long).reshape(-1, max_length))


EXPECTED_CAUSE = "token_ids[:-1]"
