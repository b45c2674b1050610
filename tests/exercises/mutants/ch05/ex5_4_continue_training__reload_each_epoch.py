# Mutant: checkpoint reloaded at the start of every epoch (later epochs restart from it).
"""Exercise 5.4 (solution): continue training from a saved model and optimizer."""

import torch

from llmscratch import calc_loss_batch


def continue_training(checkpoint_path, model, optimizer, train_loader, device, num_epochs=1):
    """Restore ``model`` and ``optimizer`` from ``checkpoint_path`` and train on; return the loss"""
    model.train()
    losses = []
    for _ in range(num_epochs):
        checkpoint = torch.load(checkpoint_path, map_location=device, weights_only=True)
        model.load_state_dict(checkpoint["model_state_dict"])
        optimizer.load_state_dict(checkpoint["optimizer_state_dict"])
        for input_batch, target_batch in train_loader:
            optimizer.zero_grad()
            loss = calc_loss_batch(input_batch, target_batch, model, device)
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses

EXPECTED_CAUSE = 'loaded again at every epoch'  # named in the message
