"""Exercise A.1: count a model's trainable parameters.

Book exercise A.3 (how many parameters the network has).

Edit this file, then check it with ``python -m llmscratch check appendix_a``.
The answer is in ../solutions/exA_1_count_parameters.py (try first!).
"""

import torch


def count_parameters(model: torch.nn.Module) -> int:
    """Return how many trainable numbers ``model`` has: the total element count of every
    parameter that requires gradients (frozen parameters do not count).

    A ``Linear(n_in, n_out)`` layer holds ``n_in * n_out`` weights plus ``n_out`` biases, so the
    book's ``NeuralNetwork(2, 2)`` (2 -> 30 -> 20 -> 2) has
    ``2*30 + 30 + 30*20 + 20 + 20*2 + 2 = 752`` and ``NeuralNetwork(50, 3)`` has 2,213.
    If the first layer of ``NeuralNetwork(2, 2)`` is frozen (``requires_grad_(False)``), the
    answer drops to 752 - 90 = 662. Count any model, whatever the layout of its parameters in
    memory (a transposed or channels_last weight holds as many numbers as any other).
    """
    raise NotImplementedError("your code here")
