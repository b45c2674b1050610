# MUTANT: two mistakes at once: no model.train() (the model arrives in eval mode) and
# optimizer.zero_grad() after the step instead of before it
import torch

from llmscratch import calc_loss_batch

EXPECTED_CAUSE = "; and optimizer.zero_grad() runs after optimizer.step()"


def continue_training(checkpoint_path, model, optimizer, train_loader, device, num_epochs=1):
    checkpoint = torch.load(checkpoint_path, map_location=device, weights_only=True)
    model.load_state_dict(checkpoint["model_state_dict"])
    optimizer.load_state_dict(checkpoint["optimizer_state_dict"])
    losses = []
    for _ in range(num_epochs):
        for input_batch, target_batch in train_loader:
            loss = calc_loss_batch(input_batch, target_batch, model, device)
            loss.backward()
            optimizer.step()
            optimizer.zero_grad()
            losses.append(loss.item())
    return losses
