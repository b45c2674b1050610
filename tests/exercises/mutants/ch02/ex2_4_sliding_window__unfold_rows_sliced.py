# MUTANT: unfold of max_length + 1 ids, rows sliced (w[:-1], w[1:]) instead of columns
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
    w = torch.tensor(list(token_ids), dtype=torch.long).unfold(0, max_length + 1, stride)
    return w[:-1], w[1:]


EXPECTED_CAUSE = 'sliced by row'  # the check's message must name this
