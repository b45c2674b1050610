# MUTANT: softmax over the batch before argmax
"""Exercise A.4 (solution): the accuracy of a classifier over a data loader.

Ours: the book has no exercise for this; it practises the appendix's code.
"""

import torch


def compute_accuracy(model, dataloader):
    """Return the fraction (a float between 0 and 1) of examples in ``dataloader`` that
    ``model`` classifies correctly.

    The model maps features of shape (batch_size, num_features) to logits of shape
    (batch_size, num_classes); the predicted class of an example is the index of its largest
    logit. Count the correct predictions over all batches and divide by the number of examples
    (the last batch may be smaller than the others). Use ``model.eval()`` and
    ``torch.no_grad()``: no gradients are needed to score a model.

    Example: a model that always predicts class 0, on the 5 toy training points (labels
    ``[0, 0, 0, 1, 1]``) in batches of 2, 2 and 1, scores 3 / 5 = 0.6.
    """
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(torch.softmax(model(features), dim=0), dim=1)
            correct += (predictions == labels).sum().item()
            total += len(labels)
    return correct / total


EXPECTED_CAUSE = 'you took the softmax over dim=0'  # the check's message must name this
