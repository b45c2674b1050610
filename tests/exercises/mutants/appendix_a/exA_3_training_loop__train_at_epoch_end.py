# MUTANT: model.train() comes after the epoch's batches, so epoch 1 runs in the mode it was given
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        for features, labels in train_loader:
            loss = F.cross_entropy(model(features), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        model.train()
    return losses

EXPECTED_CAUSE = "model.train() comes after the batch loop"
