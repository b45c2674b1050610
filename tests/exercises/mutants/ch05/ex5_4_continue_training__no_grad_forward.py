# Mutant: the loss computed under torch.no_grad(), requires_grad_() added to silence backward.
import torch

from llmscratch import calc_loss_batch


def continue_training(checkpoint_path, model, optimizer, train_loader, device, num_epochs=1):
    checkpoint = torch.load(checkpoint_path, map_location=device, weights_only=True)
    model.load_state_dict(checkpoint["model_state_dict"])
    optimizer.load_state_dict(checkpoint["optimizer_state_dict"])
    model.train()
    losses = []
    for _ in range(num_epochs):
        for input_batch, target_batch in train_loader:
            optimizer.zero_grad()
            with torch.no_grad():
                loss = calc_loss_batch(input_batch, target_batch, model, device)
            loss.requires_grad_(True)
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses

EXPECTED_CAUSE = 'every forward pass ran under torch.no_grad()'
