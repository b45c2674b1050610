# Correct: calc_loss_batch imported from llmscratch.training, optimizer restored before the model,
# model.train() before loading, float(loss) instead of .item()
import torch

from llmscratch.training import calc_loss_batch


def continue_training(checkpoint_path, model, optimizer, train_loader, device, num_epochs=1):
    model.train()  # load_state_dict does not touch the mode
    state = torch.load(checkpoint_path, map_location=device, weights_only=True)
    optimizer.load_state_dict(state["optimizer_state_dict"])
    model.load_state_dict(state["model_state_dict"])
    step_losses: list[float] = []
    for epoch in range(1, num_epochs + 1):
        for batch_idx, (inputs, targets) in enumerate(train_loader):
            optimizer.zero_grad(set_to_none=True)
            loss = calc_loss_batch(inputs, targets, model, device)
            loss.backward()
            optimizer.step()
            step_losses.append(float(loss.detach()))
    return step_losses
