# Correct: measures the training loss over train_loader after every epoch (eval mode, no_grad)
import torch

from llmscratch import calc_loss_batch, calc_loss_loader


def continue_training(checkpoint_path, model, optimizer, train_loader, device, num_epochs=1):
    checkpoint = torch.load(checkpoint_path, map_location=device, weights_only=True)
    model.load_state_dict(checkpoint["model_state_dict"])
    optimizer.load_state_dict(checkpoint["optimizer_state_dict"])
    losses = []
    for epoch in range(num_epochs):
        model.train()
        for input_batch, target_batch in train_loader:
            optimizer.zero_grad()
            loss = calc_loss_batch(input_batch, target_batch, model, device)
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        model.eval()
        with torch.no_grad():
            train_loss = calc_loss_loader(train_loader, model, device)
        print(f"epoch {epoch + 1}: train loss {train_loss:.3f}")
        model.train()
    return losses
