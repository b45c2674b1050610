# MUTANT: functools.lru_cache on the loader, keyed by path: a rewritten checkpoint is not read again
import functools

import torch

from llmscratch import calc_loss_batch


@functools.cache
def _load(path, device):
    return torch.load(path, map_location=device, weights_only=True)


def continue_training(checkpoint_path, model, optimizer, train_loader, device, num_epochs=1):
    checkpoint = _load(str(checkpoint_path), str(device))
    model.load_state_dict(checkpoint["model_state_dict"])
    optimizer.load_state_dict(checkpoint["optimizer_state_dict"])
    model.train()
    losses = []
    for _ in range(num_epochs):
        for input_batch, target_batch in train_loader:
            optimizer.zero_grad()
            loss = calc_loss_batch(input_batch, target_batch, model, device)
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses

EXPECTED_CAUSE = "trained from the FIRST checkpoint"
