"""Exercise 5.4: continue training from a saved model and optimizer.

This is book exercise 5.4.

Edit this file, then check it with ``python -m llmscratch check ch05``.
The answer is in ../solutions/ex5_4_continue_training.py (try first!).
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
    raise NotImplementedError("your code here")
