# MUTANT: loops over model.modules() with recursive parameters(): nested ones counted again
"""Exercise A.1 (solution): count a model's trainable parameters.

Book exercise A.3 (how many parameters the network has).
"""

import torch


def count_parameters(model: torch.nn.Module) -> int:
    """Return how many trainable numbers ``model`` has: the total element count of every
    parameter that requires gradients (frozen parameters do not count).

    A ``Linear(n_in, n_out)`` layer holds ``n_in * n_out`` weights plus ``n_out`` biases, so the
    book's ``NeuralNetwork(2, 2)`` (2 -> 30 -> 20 -> 2) has
    ``2*30 + 30 + 30*20 + 20 + 20*2 + 2 = 752`` and ``NeuralNetwork(50, 3)`` has 2,213.
    If the first layer of ``NeuralNetwork(2, 2)`` is frozen (``requires_grad_(False)``), the
    answer drops to 752 - 90 = 662.
    """
    return sum(p.numel() for m in model.modules() for p in m.parameters() if p.requires_grad)


EXPECTED_CAUSE = "nested modules again"  # the check's message must name this
