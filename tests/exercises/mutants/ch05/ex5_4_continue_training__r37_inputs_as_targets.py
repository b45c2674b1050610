# MUTANT: a typo: batch[0] twice, the inputs used as the targets
"""Exercise 5.4 (mutant): continue training from a saved model and optimizer.

This is book exercise 5.4.
"""

import torch

from llmscratch import calc_loss_batch


def continue_training(checkpoint_path, model, optimizer, train_loader, device, num_epochs=1):
    """Restore ``model`` and ``optimizer`` from ``checkpoint_path`` and train on; return the loss
    of every training step as a list of floats.

    The checkpoint is the book's format, written with ``torch.save({"model_state_dict":
    model.state_dict(), "optimizer_state_dict": optimizer.state_dict()}, path)``. Load it with
    ``torch.load(path, map_location=device, weights_only=True)``, restore BOTH states (AdamW
    keeps running averages of every gradient: without them the first steps after resuming
    behave differently), put the model in training mode, and run ``num_epochs`` passes over
    ``train_loader`` with the usual step: zero the gradients, loss with ``calc_loss_batch``,
    backward, optimizer step.

    Example: a model trained for 3 steps, saved, and continued for 2 more gives the same 2
    losses as the same model trained for 5 steps without stopping.
    """
    checkpoint = torch.load(checkpoint_path, map_location=device, weights_only=True)
    model.load_state_dict(checkpoint["model_state_dict"])
    optimizer.load_state_dict(checkpoint["optimizer_state_dict"])
    model.train()
    losses = []
    for _ in range(num_epochs):
        for batch in train_loader:
            input_batch, target_batch = batch[0], batch[0]
            optimizer.zero_grad()
            loss = calc_loss_batch(input_batch, target_batch, model, device)
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses

EXPECTED_CAUSE = 'inputs were used as the targets too'
