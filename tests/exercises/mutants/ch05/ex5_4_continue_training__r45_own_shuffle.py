# MUTANT: the batches are listed and shuffled with Python's random every epoch, so the steps run
#   in another order than the loader's
import random

import torch

from llmscratch import calc_loss_batch


def continue_training(checkpoint_path, model, optimizer, train_loader, device, num_epochs=1):
    checkpoint = torch.load(checkpoint_path, map_location=device, weights_only=True)
    model.load_state_dict(checkpoint["model_state_dict"])
    optimizer.load_state_dict(checkpoint["optimizer_state_dict"])
    model.train()
    losses = []
    for _ in range(num_epochs):
        batches = list(train_loader)
        random.shuffle(batches)
        for input_batch, target_batch in batches:
            optimizer.zero_grad()
            loss = calc_loss_batch(input_batch, target_batch, model, device)
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses

EXPECTED_CAUSE = "in another order than train_loader"  # named in the message
