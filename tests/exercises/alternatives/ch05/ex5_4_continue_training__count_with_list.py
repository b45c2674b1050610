# Correct: counts the batches with len(list(train_loader)) before training
import torch

from llmscratch import calc_loss_batch


def continue_training(checkpoint_path, model, optimizer, train_loader, device, num_epochs=1):
    ck = torch.load(checkpoint_path, map_location=device, weights_only=True)
    model.load_state_dict(ck["model_state_dict"])
    optimizer.load_state_dict(ck["optimizer_state_dict"])
    model.train()
    n_batches = len(list(train_loader))
    assert n_batches > 0
    losses = []
    for _ in range(num_epochs):
        for x, y in train_loader:
            optimizer.zero_grad()
            loss = calc_loss_batch(x, y, model, device)
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses
