# MUTANT: records an eval-mode no-grad loss taken before each step
import torch

from llmscratch import calc_loss_batch


def continue_training(checkpoint_path, model, optimizer, train_loader, device, num_epochs=1):
    checkpoint = torch.load(checkpoint_path, map_location=device, weights_only=True)
    model.load_state_dict(checkpoint["model_state_dict"])
    optimizer.load_state_dict(checkpoint["optimizer_state_dict"])
    losses = []
    for _ in range(num_epochs):
        for input_batch, target_batch in train_loader:
            model.eval()
            with torch.no_grad():
                losses.append(calc_loss_batch(input_batch, target_batch, model, device).item())
            model.train()
            optimizer.zero_grad()
            loss = calc_loss_batch(input_batch, target_batch, model, device)
            loss.backward()
            optimizer.step()
    return losses

EXPECTED_CAUSE = "computed BEFORE its step"
