# MUTANT: logits under no_grad, then loss.requires_grad_(True) to silence the error
import torch
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            with torch.no_grad():
                logits = model(features)
            loss = F.cross_entropy(logits, labels)
            loss.requires_grad_(True)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses


EXPECTED_CAUSE = "the loss was cut off from the model's graph"
