# Mutant: model.train() only from the second epoch on (the first runs in eval mode)
import torch

from llmscratch import calc_loss_batch


def continue_training(checkpoint_path, model, optimizer, train_loader, device, num_epochs=1):
    checkpoint = torch.load(checkpoint_path, map_location=device, weights_only=True)
    model.load_state_dict(checkpoint["model_state_dict"])
    optimizer.load_state_dict(checkpoint["optimizer_state_dict"])
    losses = []
    for epoch in range(num_epochs):
        if epoch > 0:
            model.train()
        for input_batch, target_batch in train_loader:
            optimizer.zero_grad()
            loss = calc_loss_batch(input_batch, target_batch, model, device)
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses


EXPECTED_CAUSE = 'model.train() comes only from the second epoch on'
