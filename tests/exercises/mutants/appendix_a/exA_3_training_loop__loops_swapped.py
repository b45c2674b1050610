# MUTANT: epoch loop inside the batch loop: each batch trained num_epochs times in a row
"""Exercise A.3 (solution): the training loop.

Ours: the book has no exercise for this; it practises the appendix's code.
"""

import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    """Train ``model`` for ``num_epochs`` passes over ``train_loader``; return every batch's loss.

    For each batch ``(features, labels)``: compute the logits, the loss
    ``F.cross_entropy(logits, labels)`` (it applies the softmax itself, so pass raw logits),
    clear old gradients with ``optimizer.zero_grad()``, compute new ones with
    ``loss.backward()``, update the weights with ``optimizer.step()``, and record
    ``loss.item()``. Put the model in training mode (``model.train()``) at the start of each
    epoch.

    Example: with the toy data (5 points), ``batch_size=2, drop_last=True`` and
    ``num_epochs=3`` you get a list of 3 * 2 = 6 floats; on the book's seeded run (seed 123,
    ``SGD(lr=0.5)``) they are about ``[0.75, 0.65, 0.44, 0.13, 0.03, 0.00]``.
    """
    losses = []
    model.train()
    for features, labels in train_loader:
        for _ in range(num_epochs):
            logits = model(features)
            loss = F.cross_entropy(logits, labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses


EXPECTED_CAUSE = 'your loops are nested the other way'  # the check's message must name this
