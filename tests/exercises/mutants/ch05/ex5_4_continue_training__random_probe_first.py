# Mutant: a shape probe with torch.randint before training shifts the dropout masks.
import torch

from llmscratch import calc_loss_batch


def continue_training(checkpoint_path, model, optimizer, train_loader, device, num_epochs=1):
    ck = torch.load(checkpoint_path, map_location=device, weights_only=True)
    model.load_state_dict(ck["model_state_dict"])
    optimizer.load_state_dict(ck["optimizer_state_dict"])
    model.train()
    with torch.no_grad():
        model.eval()
        model(torch.randint(0, 10, (1, 3)))
        model.train()
    losses = []
    for _ in range(num_epochs):
        for x, y in train_loader:
            optimizer.zero_grad()
            loss = calc_loss_batch(x, y, model, device)
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses


EXPECTED_CAUSE = "a random draw of your own"
