# MUTANT: the loss uses label smoothing (cross_entropy(..., label_smoothing=0.1))
# instead of calc_loss_batch's plain cross-entropy
import torch

from llmscratch import calc_loss_batch  # noqa: F401 (the stub's import)


def continue_training(checkpoint_path, model, optimizer, train_loader, device, num_epochs=1):
    checkpoint = torch.load(checkpoint_path, map_location=device, weights_only=True)
    model.load_state_dict(checkpoint["model_state_dict"])
    optimizer.load_state_dict(checkpoint["optimizer_state_dict"])
    model.train()
    losses = []
    for _ in range(num_epochs):
        for input_batch, target_batch in train_loader:
            optimizer.zero_grad()
            input_batch, target_batch = input_batch.to(device), target_batch.to(device)
            logits = model(input_batch)
            loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.flatten(),
                                                     label_smoothing=0.1)
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses

EXPECTED_CAUSE = "label smoothing"
