# MUTANT: an accuracy pass after each epoch in training mode (dropout masks drawn)
import torch
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for epoch in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            loss = F.cross_entropy(model(features), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        with torch.no_grad():
            _ = sum((model(f).argmax(1) == y).sum().item() for f, y in train_loader)
    return losses


EXPECTED_CAUSE = 'forward passes in training mode'  # the check's message must name this
