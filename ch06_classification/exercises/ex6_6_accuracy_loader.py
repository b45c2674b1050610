"""Exercise 6.6: classification accuracy over a data loader.

This exercise is ours; the book has no exercise on it.

Accuracy is the share of messages whose predicted class is the label. The prediction comes
from the last token's logits: the class with the largest logit.
Check your answer with ``python -m llmscratch check ch06 --only ex6_6``.
"""

import torch  # noqa: F401


def calc_accuracy_loader(data_loader, model, device, num_batches=None):
    """Return the fraction (0.0-1.0) of examples classified correctly.

    For each ``(input_batch, target_batch)`` from ``data_loader`` (only the first
    ``num_batches`` when given): move both to ``device``, compute the logits of the last
    token, ``model(input_batch)[:, -1, :]`` of shape ``(batch, num_classes)``, without
    gradients and in eval mode, take the argmax over the classes, and count matches with
    ``target_batch``. Divide by the number of examples seen (batches may differ in size).
    Example: 5 correct out of 6 messages gives 0.8333.
    """
    raise NotImplementedError("ex6_6: count correct predictions over the loader")
