# Mutant: num_epochs read as a number of steps (stops after num_epochs batches in all).
import torch

from llmscratch import calc_loss_batch

EXPECTED_CAUSE = "read as a number of steps"


def continue_training(checkpoint_path, model, optimizer, train_loader, device, num_epochs=1):
    checkpoint = torch.load(checkpoint_path, map_location=device, weights_only=True)
    model.load_state_dict(checkpoint["model_state_dict"])
    optimizer.load_state_dict(checkpoint["optimizer_state_dict"])
    model.train()
    losses = []
    for step, (input_batch, target_batch) in enumerate(train_loader):
        if step >= num_epochs:
            break
        optimizer.zero_grad()
        loss = calc_loss_batch(input_batch, target_batch, model, device)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
