# MUTANT: appends the epoch's mean loss after the batch losses (an extra entry per epoch)
import torch
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        epoch_losses = []
        for features, labels in train_loader:
            logits = model(features)
            loss = F.cross_entropy(logits, labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            epoch_losses.append(loss.item())
        losses.extend(epoch_losses)
        losses.append(sum(epoch_losses) / len(epoch_losses))
    return losses

EXPECTED_CAUSE = "the epoch's mean loss"
