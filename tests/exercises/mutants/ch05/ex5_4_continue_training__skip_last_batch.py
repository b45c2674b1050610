# Mutant: off-by-one: the last batch of each epoch is skipped.
"""Exercise 5.4 (solution): continue training from a saved model and optimizer."""

import torch

from llmscratch import calc_loss_batch


def continue_training(checkpoint_path, model, optimizer, train_loader, device, num_epochs=1):
    """Restore ``model`` and ``optimizer`` from ``checkpoint_path`` and train on; return the loss"""
    checkpoint = torch.load(checkpoint_path, map_location=device, weights_only=True)
    model.load_state_dict(checkpoint["model_state_dict"])
    optimizer.load_state_dict(checkpoint["optimizer_state_dict"])
    model.train()
    losses = []
    for _ in range(num_epochs):
        for i, (input_batch, target_batch) in enumerate(train_loader):
            if i == len(train_loader) - 1:
                break
            optimizer.zero_grad()
            loss = calc_loss_batch(input_batch, target_batch, model, device)
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses

EXPECTED_CAUSE = 'one batch per epoch is missing'  # named in the message
