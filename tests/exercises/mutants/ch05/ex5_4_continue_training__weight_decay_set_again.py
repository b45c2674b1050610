# Mutant: the book's weight decay 0.1 set again after loading the optimizer state.
import torch

from llmscratch import calc_loss_batch

EXPECTED_CAUSE = "weight decay was set again"


def continue_training(checkpoint_path, model, optimizer, train_loader, device, num_epochs=1):
    checkpoint = torch.load(checkpoint_path, map_location=device, weights_only=True)
    model.load_state_dict(checkpoint["model_state_dict"])
    optimizer.load_state_dict(checkpoint["optimizer_state_dict"])
    for group in optimizer.param_groups:
        group["weight_decay"] = 0.1
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
