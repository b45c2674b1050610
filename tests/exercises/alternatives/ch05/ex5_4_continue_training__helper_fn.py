# Correct: a helper for one step, checkpoint opened as a file object, strict=True spelled out,
# losses detached then .item()
import torch

import llmscratch


def _one_step(model, optimizer, input_batch, target_batch, device):
    optimizer.zero_grad()
    loss = llmscratch.calc_loss_batch(input_batch, target_batch, model, device)
    loss.backward()
    optimizer.step()
    return loss.detach().item()


def continue_training(checkpoint_path, model, optimizer, train_loader, device, num_epochs=1):
    with open(checkpoint_path, "rb") as f:
        checkpoint = torch.load(f, map_location=device, weights_only=True)
    model.load_state_dict(checkpoint["model_state_dict"], strict=True)
    optimizer.load_state_dict(checkpoint["optimizer_state_dict"])
    model.train()
    return [
        _one_step(model, optimizer, x, y, device)
        for _ in range(num_epochs)
        for x, y in train_loader
    ]
