# MUTANT: the loss scaled by the epoch number (epoch + 1), a home-made warm-up
import torch
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for epoch in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            logits = model(features)
            loss = F.cross_entropy(logits, labels) * (epoch + 1)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses


EXPECTED_CAUSE = 'grows as training goes on'
