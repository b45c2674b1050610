# MUTANT: two mistakes at once: the optimizer state is never restored and model.train() is
# missing (the model arrives in eval mode); the optimizer keeps the weight decay it was built with
import torch

from llmscratch import calc_loss_batch

EXPECTED_CAUSE = "only your run's (the checkpoint's are missing)"


def continue_training(checkpoint_path, model, optimizer, train_loader, device, num_epochs=1):
    checkpoint = torch.load(checkpoint_path, map_location=device, weights_only=True)
    model.load_state_dict(checkpoint["model_state_dict"])
    losses = []
    for _ in range(num_epochs):
        for input_batch, target_batch in train_loader:
            optimizer.zero_grad()
            loss = calc_loss_batch(input_batch, target_batch, model, device)
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses
